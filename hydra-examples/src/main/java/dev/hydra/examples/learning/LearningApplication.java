package dev.hydra.examples.learning;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.fitting.BackgroundFitter;
import dev.hydra.core.fitting.HourlyLlmBudget;
import dev.hydra.core.fitting.UserFitter;
import dev.hydra.core.llm.CachingLlmBackend;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.training.ApplicationTraining;
import dev.hydra.core.training.ApplicationTrainingReport;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import dev.hydra.core.training.ModelVersions;
import dev.hydra.core.training.TrainableScorer;
import dev.hydra.langchain4j.HistoryRecorder;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * An application that learns from its users. It serves at once (BM25 over each user's history), {@link #train}s
 * the learned parts on its own users and model within a budget, serves the trained version from the next request
 * on, and fits its users' heads in the background as they {@link #accept} answers: a new user once they have 4
 * items, a user again after 2 new ones, within a budget of calls per hour.
 *
 * @since 0.2
 */
public final class LearningApplication implements AutoCloseable {

    private final HistoryStore history;
    private final TaskSpec task;
    private final TrainableScorer.Factory scorers;
    private final Clock clock;
    private final ModelVersions versions;
    private final LlmResponseCache cache;
    private final LangChain4jLlmBackend yourBackend;
    private final HourlyLlmBudget fitBudget;
    private final Retriever retriever;
    private final HydraChatModel chat;
    private volatile BackgroundFitter fitter;

    /**
     * Starts serving, personalized by BM25 until {@link #train} is called.
     *
     * @param yourModel the application's model
     * @param history the users' histories
     * @param task the task, e.g. {@code new ChatTask()}
     * @param scorers the learned parts' implementation, e.g. hydra-heads' {@code DjlScorerFactory}
     * @param home where the model versions and the response cache live
     * @param fitCallsPerHour the most calls of {@code yourModel} the background fits make in an hour
     * @param clock the clock of that hour
     */
    public LearningApplication(ChatModel yourModel, HistoryStore history, TaskSpec task,
            TrainableScorer.Factory scorers, Path home, LlmBudget fitCallsPerHour, Clock clock) {
        this.history = history;
        this.task = task;
        this.scorers = scorers;
        this.clock = clock;
        this.versions = ModelVersions.at(home.resolve("model"));
        this.cache = new LlmResponseCache(home.resolve("cache"));
        this.yourBackend = LangChain4jLlmBackend.builder().chatModel(yourModel).modelId("your-model").build();
        this.fitBudget = HourlyLlmBudget.of(yourBackend, fitCallsPerHour, clock);
        this.retriever = new Bm25OkapiRetrieverProvider().create(new RetrieverContext(history, Optional.empty(),
                Map.of()));
        this.chat = HydraChatModel.builder().delegate(yourModel).historyStore(history).modelVersion("bm25")
                .recorder(HistoryRecorder.builder().store(history).refitEvery(1, this::itemAdded).build()).build();
    }

    /**
     * Trains on the users of the history within a budget; when the new version's held-out scores do not fall,
     * serves it from the next request on and fits users in the background with it.
     *
     * @param budget the most calls (and tokens) of the application's model that training may spend
     * @param config M, k, N and the rest, shared with serving
     * @return what the budget bought
     */
    public ApplicationTrainingReport train(LlmBudget budget, HydraConfig config) {
        Path staging = versions.newStagingDirectory();
        ApplicationTrainingReport report = ApplicationTraining.builder().store(history).retriever(retriever)
                .task(task).backend(yourBackend).cache(cache).scorers(scorers).budget(budget).config(config)
                .pseudoQueriesPerUser(2).build().train(staging);
        if (!report.trained()) {
            return report;
        }
        ModelVersions.ModelVersion version = versions.publish(staging);
        if (versions.promote(version).promoted()) {
            HydraModel model = HydraModel.load(version.dir(), scorers);
            HydraTrainer trainer = HydraTrainer.builder().store(history).retriever(retriever).task(task)
                    .backend(new CachingLlmBackend(fitBudget, cache)).scorers(scorers).settingsOf(model).build();
            BackgroundFitter previous = fitter;
            fitter = BackgroundFitter.builder().store(history).budget(fitBudget).clock(clock).minItems(4)
                    .refitAfter(2).fitter(UserFitter.heads(trainer, model)).build();
            if (previous != null) {
                previous.close(); // before its model is closed with the version it served
            }
            chat.switchTo(version.name(), Hydra.builder().retriever(retriever).reranker(model.reranker())
                    .adapter(model.adapter(history)).labelCandidates(model.labelCandidates()).task(task)
                    .config(model.config()), model);
        }
        return report;
    }

    private void itemAdded(UserId user) {
        BackgroundFitter current = fitter;
        if (current != null) {
            current.itemAdded(user);
        }
    }

    /**
     * Records an answer the user accepted; enough of them get the user's heads fitted in the background.
     *
     * @param user the user
     * @param message what they asked
     * @param answer what they kept
     */
    public void accept(UserId user, String message, String answer) {
        chat.recordAccepted(user, message, answer);
    }

    /**
     * The personalized chat model that serves the application.
     *
     * @return the chat model
     */
    public HydraChatModel chatModel() {
        return chat;
    }

    /**
     * The background fitter of the version served, once one was trained.
     *
     * @return the fitter, or {@code null} before training
     */
    public BackgroundFitter fitter() {
        return fitter;
    }

    /**
     * The per-hour budget of the background fits.
     *
     * @return the budget
     */
    public HourlyLlmBudget fitBudget() {
        return fitBudget;
    }

    @Override
    public void close() throws Exception {
        BackgroundFitter current = fitter;
        try (LangChain4jLlmBackend b = yourBackend; HydraChatModel c = chat) {
            if (current != null) {
                current.close(); // first: it may be fitting with the backend
            }
        }
    }
}
