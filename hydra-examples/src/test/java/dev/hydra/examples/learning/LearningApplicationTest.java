package dev.hydra.examples.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.fitting.UserFitReport;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.core.training.ApplicationTrainingReport;
import dev.hydra.langchain4j.HydraChatRequestParameters;
import dev.hydra.langchain4j.HydraChatResponseMetadata;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@link LearningApplication} with a model that knows nothing ({@link CopyingChatModel}) and the test's
 * learned parts ({@link ConceptHeads}): six users tag films about machines and spirits (by synonyms the
 * retriever cannot match), five as sci-fi and fantasy, one the other way round; a new user, Nia, who also tags them
 * the other way round, arrives after training.
 */
class LearningApplicationTest {

    private static final TaskSpec MOVIES = BuiltInTasks.find("movie_tagging").orElseThrow();
    /** M 4, k 1, N 1: a training query costs 4 reranker labels and 1 answer. */
    private static final HydraConfig SMALL = new HydraConfig(4, 1, 1, 1.0, 6, 7L);
    private static final List<String> PLACES = List.of("Lisbon", "Oslo", "Kyoto", "Lima");
    private static final LlmBudget TRAINING = LlmBudget.ofCalls(50);
    private static final LlmBudget FITS_PER_HOUR = LlmBudget.ofCalls(30);
    private static final UserId NIA = UserId.of("nia");

    @TempDir
    Path home;

    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    private final CopyingChatModel model = new CopyingChatModel();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

    /** Item j of a user: machines on even j, spirits on odd j, two items per place. */
    private static HistoryItem item(UserId user, int j, boolean swapped) {
        boolean machine = j % 2 == 0;
        String synonym = (machine ? ConceptHeads.MACHINES : ConceptHeads.SPIRITS).get(j / 2 % 4);
        String tag = machine != swapped ? "sci-fi" : "fantasy";
        return HistoryItem.of(user + "-" + j, user, "a film about " + synonym + " set in " + PLACES.get(j / 2 % 4),
                tag);
    }

    private void histories() {
        for (int u = 1; u <= 6; u++) {
            for (int j = 0; j < 8; j++) {
                store.add(item(UserId.of("u" + u), j, u == 6));
            }
        }
    }

    private static ChatResponse ask(LearningApplication app, UserId user, String message) {
        return app.chatModel().chat(ChatRequest.builder().messages(UserMessage.from(message))
                .parameters(HydraChatRequestParameters.builder().userId(user).build()).build());
    }

    private static HydraChatResponseMetadata metadata(ChatResponse response) {
        return (HydraChatResponseMetadata) response.metadata();
    }

    @Test
    void should_train_within_budget_switch_live_and_refit_a_new_user_in_the_background() throws Exception {
        histories();
        try (LearningApplication app = new LearningApplication(model, store, MOVIES, new ConceptHeads(), home,
                FITS_PER_HOUR, clock)) {
            // given requests running on 4 threads, each of which has been answered at least once
            ConcurrentLinkedQueue<ChatResponse> responses = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean trained = new AtomicBoolean();
            CountDownLatch answeredOnce = new CountDownLatch(4);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                UserId user = UserId.of("u" + (t + 1));
                Thread caller = new Thread(() -> {
                    try {
                        int after = 0;
                        while (after < 5) {
                            boolean late = trained.get();
                            responses.add(ask(app, user, "a film about cyborgs set in Kyoto"));
                            answeredOnce.countDown();
                            after += late ? 1 : 0;
                        }
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(e);
                        answeredOnce.countDown();
                    }
                }, "caller-" + t);
                caller.start();
                callers.add(caller);
            }
            assertTrue(answeredOnce.await(60, TimeUnit.SECONDS), "the callers were never answered");
            long callsBefore = model.calls.get();

            // when the application trains and switches while they run
            ApplicationTrainingReport report = app.train(TRAINING, SMALL);
            trained.set(true);
            for (Thread caller : callers) {
                caller.join(TimeUnit.SECONDS.toMillis(60));
            }

            // then the budget held, and every request was answered by one version, whole
            assertTrue(failures.isEmpty(), "failed requests: " + failures);
            assertEquals(ApplicationTrainingReport.Outcome.TRAINED_WITHIN_BUDGET, report.outcome(), report.summary());
            assertTrue(report.callsUsed() <= TRAINING.maxCalls(), report.summary());
            assertTrue(report.reranker().weight() > 0, "the learned reranker is in use: " + report.summary());
            long served = responses.size();
            assertTrue(model.calls.get() - callsBefore - (served - 4) <= TRAINING.maxCalls(),
                    "the model was called beyond the requests and the training budget");
            Set<String> versions = new TreeSet<>();
            for (ChatResponse r : responses) {
                String version = metadata(r).modelVersion().orElseThrow();
                versions.add(version);
                int demonstrations = metadata(r).usedItems().size();
                assertEquals(version.equals("bm25") ? 4 : 1, demonstrations, "a mixed request: " + version
                        + " with " + demonstrations + " demonstrations");
            }
            assertEquals(Set.of("bm25", "v000001"), versions);

            // when a new user accepts answers: 3 items are too few to fit on
            for (int j = 0; j < 3; j++) {
                HistoryItem i = item(NIA, j, true);
                app.accept(NIA, i.input(), i.output());
            }
            String query = "a film about androids set in Lisbon";
            String before = ask(app, NIA, query).aiMessage().text();
            // a machine film: the fit's 2 pseudo-queries are drawn from her 4 items in an order that rests on the
            // recorder's random item ids, so every draw must hold a machine film (3 of her 4 are)
            HistoryItem fourth = item(NIA, 4, true);
            app.accept(NIA, fourth.input(), fourth.output());
            assertTrue(app.fitter().awaitIdle(Duration.ofSeconds(60)), "the background fit did not end");
            String after = ask(app, NIA, query).aiMessage().text();

            // then her answer changes to her own taste once her head is fitted, within the hour's budget
            UserFitReport fit = app.fitter().lastReport(NIA);
            assertNotNull(fit, "nia was never fitted");
            assertEquals(UserFitReport.Outcome.OWN_HEAD, fit.outcome(), fit.message());
            assertEquals("sci-fi", before, "the shared head answers as most users would");
            assertEquals("fantasy", after, "her own head answers as she does");
            assertTrue(fit.calls() > 0 && app.fitBudget().spentThisHour().calls() <= FITS_PER_HOUR.maxCalls(),
                    fit.message());
        }
    }
}
