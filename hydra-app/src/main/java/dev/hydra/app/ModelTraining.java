package dev.hydra.app;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.data.HistoryIngest;
import dev.hydra.core.data.LampDataset;
import dev.hydra.core.data.LampQuestion;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.training.ApplicationTraining;
import dev.hydra.core.training.ApplicationTrainingReport;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import dev.hydra.core.training.LabeledQuery;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.heads.DjlScorerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Trains and fits HYDRA models in a workspace: the glue between the data, the trainer and the DJL heads.
 */
public final class ModelTraining {

    private final Workspace ws;
    private final TaskSpec task;
    private final HydraConfig config;
    private final ProgressListener progress;
    private final UnaryOperator<DjlScorerFactory> scorerChoices;
    private final UnaryOperator<HydraTrainer.Builder> trainerChoices;

    /**
     * Creates the trainer glue.
     *
     * @param ws the workspace
     * @param task the task
     * @param config the numbers shared with the pipeline (M, k, N, temperature, tokens, seed)
     * @param progress hears progress
     */
    public ModelTraining(Workspace ws, TaskSpec task, HydraConfig config, ProgressListener progress) {
        this(ws, task, config, progress, UnaryOperator.identity(), UnaryOperator.identity());
    }

    private ModelTraining(Workspace ws, TaskSpec task, HydraConfig config, ProgressListener progress,
            UnaryOperator<DjlScorerFactory> scorerChoices, UnaryOperator<HydraTrainer.Builder> trainerChoices) {
        this.ws = ws;
        this.task = task;
        this.config = config;
        this.progress = progress;
        this.scorerChoices = scorerChoices;
        this.trainerChoices = trainerChoices;
    }

    /**
     * The same glue with training's own choices (pseudo-queries per user, the reranker's label source), for the
     * models it trains, e.g. {@code t -> t.pseudoQueriesPerUser(2)}.
     *
     * @param choices sets them on the trainer's builder
     * @return a new glue
     */
    public ModelTraining withTrainer(UnaryOperator<HydraTrainer.Builder> choices) {
        return new ModelTraining(ws, task, config, progress, scorerChoices, choices);
    }

    /**
     * The same glue with scorers of other choices (objective, the reranker's answer feature), for models it trains
     * and loads ({@link #loadModel}).
     *
     * @param choices turns the default scorer factory into the chosen one
     * @return a new glue
     */
    public ModelTraining withScorers(UnaryOperator<DjlScorerFactory> choices) {
        return new ModelTraining(ws, task, config, progress, choices, trainerChoices);
    }

    /**
     * Loads a model this glue's scorer choices trained.
     *
     * @param modelName the model's name
     * @return the model
     * @throws IllegalArgumentException when there is no such model
     */
    public HydraModel loadModel(String modelName) {
        Path dir = ws.modelDir(modelName);
        if (!Files.exists(dir.resolve("manifest.json"))) {
            return load(ws, modelName); // says how to train one
        }
        return ws.remember(HydraModel.load(dir, scorerChoices.apply(scorers(ws, dir))));
    }

    /**
     * Picks training users from a data set: a seeded sample of {@code n} (all when n exceeds them).
     *
     * @param data the data set
     * @param n how many
     * @param seed the sampling seed
     * @return the chosen questions, in id order
     */
    public static List<LampQuestion> sample(LampDataset data, int n, long seed) {
        List<LampQuestion> all = new ArrayList<>(data.questions());
        all.sort(Comparator.comparing(LampQuestion::id));
        Collections.shuffle(all, new Random(seed));
        List<LampQuestion> chosen = new ArrayList<>(all.subList(0, Math.min(n, all.size())));
        chosen.sort(Comparator.comparing(LampQuestion::id));
        return chosen;
    }

    /**
     * Ingests the training users' histories, trains the bases and their heads, and writes the model.
     *
     * @param users the training users' questions (their real queries and golds may be learned from)
     * @param dataset the data set they come from (its profiles are ingested)
     * @param modelName the model's name under the workspace
     * @return the trained model
     */
    public HydraModel train(List<LampQuestion> users, LampDataset dataset, String modelName) {
        HistoryIngest.ingest(ws.store(), new LampDataset(dataset.task(), users));
        List<LabeledQuery> real = new ArrayList<>();
        for (LampQuestion q : users) {
            q.gold().ifPresent(g -> real.add(new LabeledQuery(q.userId(), q.id(), q.input(), g)));
        }
        Path dir = ws.modelDir(modelName);
        return trainerChoices.apply(trainer(dir).config(config)).build()
                .train(users.stream().map(LampQuestion::userId).toList(), real, dir);
    }

    /**
     * Loads a trained model of a workspace; loading needs no task or trainer settings, the manifest has them.
     *
     * @param ws the workspace
     * @param modelName the model's name
     * @return the model
     * @throws IllegalArgumentException when there is no such model; the message says how to train one
     */
    public static HydraModel load(Workspace ws, String modelName) {
        Path dir = ws.modelDir(modelName);
        if (!Files.exists(dir.resolve("manifest.json"))) {
            throw new IllegalArgumentException("no trained model \"" + modelName + "\" in " + dir.getParent()
                    + "; train one with `hydra train --model " + modelName + " ...` (or run `hydra demo`)");
        }
        return ws.remember(HydraModel.load(dir, scorers(ws, dir)));
    }

    /**
     * Fits heads for users outside training, from the histories in the store, with the settings the model was
     * trained with ({@link HydraTrainer.Builder#settingsOf}).
     *
     * @param model the trained model
     * @param users the users
     * @return per module, the pairs learned from and the users who kept a head of their own
     *     ({@link HydraTrainer#fit})
     */
    public java.util.Map<String, Integer> fit(HydraModel model, List<UserId> users) {
        return trainer(model.dir()).settingsOf(model).build().fit(model, users);
    }

    /**
     * Trains on the users already in a history store, within an LLM budget ({@link ApplicationTraining}): the
     * workspace's black box under the budget, its response cache above it, so that a rerun costs no call.
     *
     * @param store the history store whose users are trained on
     * @param budget what the black box may spend
     * @param pseudoQueriesPerUser R, the most pseudo-queries per user
     * @param modelName the model's name under the workspace
     * @return what the budget bought
     */
    public ApplicationTrainingReport trainWithin(HistoryStore store, LlmBudget budget, int pseudoQueriesPerUser,
            String modelName) {
        Path dir = ws.modelDir(modelName);
        Retriever retriever = ws.plugins().get(RetrieverProvider.class, Pipelines.DEFAULT_RETRIEVER)
                .create(new RetrieverContext(store, Optional.of(ws.encoder()), Map.of()));
        return ApplicationTraining.builder().store(store).retriever(retriever).task(task)
                .backend(ws.uncachedBackend()).cache(ws.backend().responseCache())
                .scorers(scorerChoices.apply(scorers(ws, dir)))
                .config(config).pseudoQueriesPerUser(pseudoQueriesPerUser).budget(budget).progress(progress).build()
                .train(dir);
    }

    private HydraTrainer.Builder trainer(Path dir) {
        return HydraTrainer.builder().store(ws.store()).retriever(ws.retriever(Pipelines.DEFAULT_RETRIEVER)).task(task)
                .backend(ws.llmBackend()).scorers(scorerChoices.apply(scorers(ws, dir))).progress(progress);
    }

    private static DjlScorerFactory scorers(Workspace ws, Path dir) {
        return new DjlScorerFactory(ws.encoder(), ws.heads(dir));
    }
}
