package dev.hydra.spring.internal;

import dev.hydra.api.HydraException;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.TrainableScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.ClassUtils;

/** Loads the trained model that {@code hydra.model-directory} names. */
public final class TrainedModels {

    static final String DJL_FACTORY = "dev.hydra.heads.DjlScorerFactory";

    private TrainedModels() {}

    /**
     * Loads the model.
     *
     * @param dir the value of {@code hydra.model-directory}
     * @param encoder the encoder it was trained with
     * @param scorers the learned parts' implementation the application declares, or {@code null} for hydra-heads'
     *     (DJL) with the heads in the model's folder
     * @return the model
     * @throws IllegalStateException when the folder holds no model, the model cannot be loaded (damaged, or trained
     *     with another encoder) or hydra-heads is missing; the message names the property and the fix
     */
    public static HydraModel load(Path dir, TextEncoder encoder, TrainableScorer.Factory scorers) {
        if (!Files.isRegularFile(dir.resolve(HydraModel.MANIFEST))) {
            throw new IllegalStateException("hydra.model-directory " + dir + " holds no trained model (no "
                    + HydraModel.MANIFEST + "): train one into it (ApplicationTraining, or `hydra train`), or remove"
                    + " hydra.model-directory for BM25 few-shot prompts alone");
        }
        TrainableScorer.Factory factory = scorers;
        if (factory == null) {
            if (!ClassUtils.isPresent(DJL_FACTORY, TrainedModels.class.getClassLoader())) {
                throw new IllegalStateException("hydra.model-directory needs dev.hydra:hydra-heads on the class path"
                        + " (the learned parts' network): add that dependency, or declare a TrainableScorer.Factory"
                        + " bean");
            }
            factory = DjlScorers.inFolder(dir, encoder);
        }
        try {
            return HydraModel.load(dir, factory);
        } catch (HydraException e) {
            throw new IllegalStateException("hydra.model-directory " + dir + " cannot be loaded: " + e.getMessage()
                    + " (hydra.encoder, or a TextEncoder bean, must be the encoder it was trained with)", e);
        }
    }
}
