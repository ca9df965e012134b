package dev.hydra.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationTrainingTest {

    private static final TaskSpec MOVIES = BuiltInTasks.find("movie_tagging").orElseThrow();
    /** M 4, k 2, N 3, 6 tokens, seed 42: a query costs 4 reranker labels and 3 adapter answers, 7 calls. */
    private static final HydraConfig SMALL = new HydraConfig(4, 2, 3, 1.0, 6, 42L);
    private static final List<UserId> USERS = List.of(UserId.of("ana"), UserId.of("ben"), UserId.of("cleo"));

    @TempDir
    Path dir;

    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    private final RecordingScorers scorers = new RecordingScorers();
    // answers with the tag of the first demonstration, as a copying model would
    private final ScriptedLlmBackend llm = ScriptedLlmBackend.builder()
            .fallback((p, i) -> p.turns().size() > 1 && i % 2 == 0 ? p.turns().get(1).text() : "comedy").build();

    @BeforeEach
    void ingest() {
        String[] tags = {"sci-fi", "comedy", "romance"};
        for (UserId u : USERS) {
            for (int i = 0; i < 8; i++) {
                store.add(HistoryItem.of(u + "-" + i, u, "a film about robots and love number " + i,
                        tags[(i + u.value().length()) % 3]));
            }
        }
    }

    private ApplicationTraining.Builder training(LlmBudget budget) {
        return ApplicationTraining.builder().store(store).retriever(new OverlapRetriever(store)).task(MOVIES)
                .backend(llm).cache(new LlmResponseCache(dir.resolve("cache"))).scorers(scorers).config(SMALL)
                .pseudoQueriesPerUser(2).budget(budget);
    }

    @Test
    void should_train_every_user_within_an_ample_budget_and_report_what_it_bought() {
        // when
        ApplicationTrainingReport report = training(LlmBudget.ofCalls(100)).build().train(dir.resolve("model"));
        // then 3 users x 2 pseudo-queries x (4 labels + 3 answers)
        assertEquals(ApplicationTrainingReport.Outcome.TRAINED, report.outcome(), report.summary());
        assertEquals(42, report.callsPlanned());
        assertEquals(llm.samples(), report.callsUsed());
        assertEquals(42, report.callsUsed());
        assertEquals(3, report.usersTrained());
        assertEquals(6, report.queriesPlanned());
        assertEquals(scorers.trained.get("reranker").size(), report.reranker().pairs());
        assertEquals(24, report.reranker().pairs());
        assertEquals(scorers.trained.getOrDefault("adapter", List.of()).size(), report.adapter().pairs());
        assertTrue(report.tokensUsed() > 0 && report.callsWithEstimatedTokens() == 0, report.summary());
        assertEquals(report.reranker().weight() > 0, report.reranker().learnedUsed());
        assertTrue(Files.exists(dir.resolve("model/manifest.json")));
        assertTrue(report.summary().contains("reranker"), report.summary());
    }

    @Test
    void should_train_on_what_a_small_budget_affords_round_robin_over_the_users() {
        // when a budget of 20 calls affords two queries of 7
        ApplicationTrainingReport report = training(LlmBudget.ofCalls(20)).build().train(dir.resolve("model"));
        // then
        assertEquals(ApplicationTrainingReport.Outcome.TRAINED_WITHIN_BUDGET, report.outcome(), report.summary());
        assertEquals(2, report.queriesPlanned());
        assertEquals(2, report.usersTrained(), "each query of another user");
        assertEquals(14, report.callsUsed());
        assertTrue(llm.samples() <= 20);
        assertEquals(8, report.reranker().pairs());
        assertTrue(report.message().contains("2 of 6"), report.message());
    }

    @Test
    void should_make_no_new_call_when_run_again_over_the_same_cache() {
        // given
        ApplicationTrainingReport first = training(LlmBudget.ofCalls(100)).build().train(dir.resolve("a"));
        long samples = llm.samples();
        // when
        ApplicationTrainingReport second = training(LlmBudget.ofCalls(100)).build().train(dir.resolve("b"));
        // then
        assertEquals(0, second.callsUsed());
        assertEquals(0, second.tokensUsed());
        assertEquals(samples, llm.samples());
        assertEquals(first.callsUsed(), second.cachedAnswers());
        assertEquals(HydraModel.load(dir.resolve("a"), scorers).manifest().get("data_fingerprint"),
                HydraModel.load(dir.resolve("b"), scorers).manifest().get("data_fingerprint"));
    }

    @Test
    void should_say_when_the_budget_affords_no_query_and_write_nothing() {
        // when
        ApplicationTrainingReport report = training(LlmBudget.ofCalls(3)).build().train(dir.resolve("model"));
        // then
        assertEquals(ApplicationTrainingReport.Outcome.BUDGET_TOO_SMALL, report.outcome());
        assertFalse(report.trained());
        assertTrue(report.message().contains("cheapest costs 7 calls") && report.message().contains("raise the budget"),
                report.message());
        assertEquals(0, llm.calls());
        assertFalse(Files.exists(dir.resolve("model/manifest.json")));
    }

    @Test
    void should_leave_out_whole_queries_when_the_budget_runs_out_during_training() {
        // given a prompt ceiling far below what the backend reports, so the plan overestimates what 300 tokens buy
        ApplicationTraining training = training(LlmBudget.ofCalls(100).withTokens(300)).promptCeiling(p -> 0).build();
        // when
        ApplicationTrainingReport report = training.train(dir.resolve("model"));
        // then
        assertEquals(ApplicationTrainingReport.Outcome.TRAINED_WITHIN_BUDGET, report.outcome(), report.summary());
        assertTrue(report.refusals() > 0 && report.message().contains("ran out"), report.message());
        Map<String, Long> pairsPerQuery = scorers.trained.get("reranker").stream()
                .collect(Collectors.groupingBy(LabeledPair::queryKey, Collectors.counting()));
        assertTrue(pairsPerQuery.size() < 6 && pairsPerQuery.values().stream().allMatch(n -> n == 4),
                "only whole queries: " + pairsPerQuery);
        assertEquals(llm.samples(), report.callsUsed());
    }

    @Test
    void should_say_when_no_user_has_a_history_to_learn_from() {
        // given users with one item each
        InMemoryHistoryStore thin = new InMemoryHistoryStore();
        USERS.forEach(u -> thin.add(HistoryItem.of("only", u, "a film", "comedy")));
        // when
        ApplicationTrainingReport report = training(LlmBudget.ofCalls(100)).store(thin)
                .retriever(new OverlapRetriever(thin)).build().train(dir.resolve("model"));
        // then
        assertEquals(ApplicationTrainingReport.Outcome.NO_TRAINING_DATA, report.outcome());
        assertTrue(report.message().contains("add history first"), report.message());
        assertEquals(0, report.callsUsed());
    }

    @Test
    void should_refuse_to_build_without_a_budget_saying_how_to_give_one() {
        // when
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ApplicationTraining.builder()
                .store(store).task(MOVIES).backend(llm).cache(new LlmResponseCache(dir)).scorers(scorers).build());
        // then
        assertTrue(e.getMessage().contains("budget is required") && e.getMessage().contains("LlmBudget.ofCalls"),
                e.getMessage());
    }

    @Test
    void should_reject_no_pseudo_queries_naming_the_value() {
        // when
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApplicationTraining.builder().pseudoQueriesPerUser(0));
        // then
        assertTrue(e.getMessage().contains("must be >= 1, was 0"), e.getMessage());
    }
}
