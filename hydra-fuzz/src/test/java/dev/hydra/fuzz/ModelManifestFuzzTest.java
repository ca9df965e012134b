package dev.hydra.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import dev.hydra.core.training.TrainableScorer;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

/**
 * Model manifests: any bytes are loaded as a model or rejected clearly; an accepted manifest's settings are
 * the numbers it holds, exactly (not rounded or clamped), and the manifest written back loads the same.
 */
class ModelManifestFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Scratch.folder("manifest");
    private static final Map<String, String> SCORER = Map.of("encoder", "stub");

    /**
     * One input: the whole manifest.
     *
     * @param data the fuzzer's input
     */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        Scratch.write(DIR.resolve("model").resolve(HydraModel.MANIFEST), data.consumeRemainingAsBytes());
        Map<String, Object> manifest;
        HydraConfig config;
        String task;
        try (HydraModel model = HydraModel.load(DIR.resolve("model"), new NoWeights())) {
            task = model.task();
            config = model.config();
            HydraTrainer.builder().settingsOf(model);
            manifest = model.manifest();
        } catch (RuntimeException e) {
            Rejections.requireClear(e);
            return;
        }
        Map<?, ?> trainer = (Map<?, ?>) manifest.get("trainer");
        exactly("m", trainer, config.m());
        exactly("k", trainer, config.k());
        exactly("n", trainer, config.n());
        exactly("max_tokens", trainer, config.maxTokens());
        exactly("seed", trainer, config.seed());
        Scratch.write(DIR.resolve("again").resolve(HydraModel.MANIFEST), json(manifest));
        try (HydraModel again = HydraModel.load(DIR.resolve("again"), new NoWeights())) {
            WrongAccept.unlessEqual("the manifest written back", manifest, again.manifest());
            WrongAccept.unlessEqual("the task read back", task, again.task());
            WrongAccept.unlessEqual("the settings read back", config, again.config());
        }
    }

    private static void exactly(String key, Map<?, ?> trainer, long used) {
        BigDecimal written = new BigDecimal(trainer.get(key).toString());
        if (written.compareTo(BigDecimal.valueOf(used)) != 0) {
            throw new WrongAccept("trainer setting " + key, written, used);
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A scorer factory without weights: manifests load without model files. */
    private static final class NoWeights implements TrainableScorer.Factory {

        @Override
        public TrainableScorer create(String module, long seed) {
            return noScorer();
        }

        @Override
        public TrainableScorer load(Path dir, String module) {
            return noScorer();
        }

        @Override
        public Map<String, String> describe() {
            return SCORER;
        }

        private static TrainableScorer noScorer() {
            return (TrainableScorer) Proxy.newProxyInstance(TrainableScorer.class.getClassLoader(),
                    new Class<?>[] {TrainableScorer.class}, (proxy, method, args) -> {
                        return switch (method.getName()) {
                            case "close" -> null;
                            case "toString" -> "no weights";
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> throw new UnsupportedOperationException("no weights: " + method.getName());
                        };
                    });
        }
    }

    @FuzzTest
    void replay(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }
}
