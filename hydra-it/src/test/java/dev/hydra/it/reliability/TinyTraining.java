package dev.hydra.it.reliability;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.Role;
import dev.hydra.api.UserId;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.core.llm.CachingLlmBackend;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.llm.ResponseCache;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.ChatTask;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import dev.hydra.heads.DjlScorerFactory;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Path;
import java.util.List;

/**
 * The real trainer at a tiny size: DJL heads over a 32-dimension hashing encoder, a scripted black box behind
 * the persistent response cache, two pseudo-queries per user.
 */
final class TinyTraining {

    /** The encoder of every tiny model. */
    static final FeatureHashingTextEncoder ENCODER = new FeatureHashingTextEncoder(32);

    private TinyTraining() {}

    /** A scripted black box that answers with the output of the prompt's first demonstration. */
    static ScriptedLlmBackend echo() {
        return ScriptedLlmBackend.builder().recordPrompts(false)
                .fallback((prompt, i) -> "answer " + i + ": " + prompt.turns().stream()
                        .filter(t -> t.role() == Role.ASSISTANT).map(ChatTurn::text).findFirst().orElse("none"))
                .build();
    }

    /** The scorer factory of a tiny model directory. */
    static DjlScorerFactory scorers(Path modelDir) {
        return new DjlScorerFactory(ENCODER, new FileHeadStore(modelDir));
    }

    /** Trains a model over some users of a store into a directory, caching the black box's answers. */
    static HydraModel train(HistoryStore store, Path modelDir, Path cacheDir, List<UserId> users, long seed) {
        return train(store, modelDir, new LlmResponseCache(cacheDir), users, seed);
    }

    /** Trains a model over some users of a store into a directory, caching the black box's answers in a cache. */
    static HydraModel train(HistoryStore store, Path modelDir, ResponseCache cache, List<UserId> users, long seed) {
        LlmBackend llm = new CachingLlmBackend(echo(), cache);
        HydraTrainer trainer = HydraTrainer.builder().store(store)
                .retriever(ScenarioState.bm25(store))
                .task(new ChatTask()).backend(llm).scorers(scorers(modelDir))
                .config(new HydraConfig(5, 2, 2, 1.0, 32, seed)).pseudoQueriesPerUser(2).build();
        return trainer.train(users, List.of(), modelDir);
    }
}
