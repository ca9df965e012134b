package dev.hydra.core.fitting;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.core.anchor.AnchorWeights;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** {@link UserFitter#heads}: a trained model's heads, fitted by its trainer. */
final class HeadsUserFitter implements UserFitter {

    private final HydraTrainer trainer;
    private final HydraModel model;
    private final long callCeiling;

    HeadsUserFitter(HydraTrainer trainer, HydraModel model) {
        this.trainer = Objects.requireNonNull(trainer, "trainer must not be null");
        this.model = Objects.requireNonNull(model, "model must not be null");
        this.callCeiling = ceilingOf(model);
    }

    /**
     * R pseudo-queries, each M reranker labels (when labels come from the LLM) and N adapter answers, for the
     * modules whose learned part the model uses (the trainer fits no other).
     */
    private static long ceilingOf(HydraModel model) {
        Map<?, ?> settings = model.manifest().get("trainer") instanceof Map<?, ?> m ? m : Map.of();
        long r = settings.get("pseudo_queries_per_user") instanceof Number n ? n.longValue() : 10;
        boolean llmLabels = !"OUTPUT".equals(settings.get("reranker_labels"));
        HydraConfig config = model.config();
        AnchorWeights weights = model.anchors();
        long perQuery = (weights.rerankerAlpha() > 0 && llmLabels ? config.m() : 0)
                + (weights.adapterBeta() > 0 ? config.n() : 0);
        return r * perQuery;
    }

    @Override
    public Set<String> fit(UserId user) {
        Map<String, Integer> counts = trainer.fit(model, List.of(user));
        Set<String> own = new TreeSet<>();
        if (counts.getOrDefault("reranker_heads", 0) > 0) {
            own.add(HeadStore.RERANKER);
        }
        if (counts.getOrDefault("adapter_heads", 0) > 0) {
            own.add(HeadStore.ADAPTER);
        }
        return own;
    }

    @Override
    public long callCeiling() {
        return callCeiling;
    }
}
