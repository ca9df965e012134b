package dev.hydra.app;

import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.core.training.HydraModel;
import dev.hydra.heads.HydraReranker;
import java.util.Optional;

/**
 * Assembles pipelines from a workspace: the personalized one with a trained model, and the baselines that are
 * configurations of the same pipeline.
 */
public final class Pipelines {

    /** The retriever HYDRA and LaMP use: rank_bm25's BM25Okapi over the user's own history. */
    public static final String DEFAULT_RETRIEVER = "bm25-okapi";

    private Pipelines() {}

    /**
     * A pipeline for a task.
     *
     * @param ws the workspace (store, retrievers, black box)
     * @param task the task
     * @param model the trained model, if any: without one there is no reranker and no adapter
     * @param config the numbers
     * @return the pipeline
     */
    public static Hydra pipeline(Workspace ws, TaskSpec task, Optional<HydraModel> model, HydraConfig config) {
        Hydra.Builder b = Hydra.builder().backend(ws.llmBackend()).task(task).addTasks(BuiltInTasks.all())
                .config(config);
        if (config.k() > 0) {
            b.retriever(ws.retriever(DEFAULT_RETRIEVER));
        }
        model.ifPresent(m -> b.reranker(m.anchored(config.k() > 0 ? withStoredVectors(m.learnedReranker(), ws)
                : m.learnedReranker())).adapter(m.adapter(ws.store())).labelCandidates(m.labelCandidates()));
        return b.build();
    }

    /** Hydra's reranker takes the item vectors the workspace's store computed at ingest instead of encoding. */
    private static Reranker withStoredVectors(Reranker reranker, Workspace ws) {
        return reranker instanceof HydraReranker hydra ? hydra.withStoredVectors(ws.store()) : reranker;
    }

    /**
     * Finds a task by name among the built-in ones.
     *
     * @param name the task's name
     * @return the task
     * @throws IllegalArgumentException when there is none; the message lists the names
     */
    public static TaskSpec task(String name) {
        return BuiltInTasks.find(name).orElseThrow(() -> new IllegalArgumentException("unknown task \"" + name
                + "\"; the built-in tasks are " + BuiltInTasks.all().stream().map(TaskSpec::name).toList()));
    }
}
