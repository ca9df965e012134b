package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.testkit.InMemoryHeadStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model directory refuses damaged and mismatched files, naming them. */
class ModelFilesTest {

    @TempDir
    Path dir;

    private void save(Path model, String kind) {
        PersonalizedScorer.create(Fixtures.config(kind), new InMemoryHeadStore(), HeadStore.RERANKER, 1).save(model);
    }

    @Test
    void should_refuse_a_truncated_base_file() throws IOException {
        // given
        save(dir, ScorerConfig.LOWRANK);
        Path base = dir.resolve("base.bin");
        byte[] bytes = Files.readAllBytes(base);
        Files.write(base, Arrays.copyOf(bytes, bytes.length - 100));

        // when
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> PersonalizedScorer.load(dir, new InMemoryHeadStore(), HeadStore.RERANKER));

        // then
        assertTrue(e.getMessage().contains(base.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void should_refuse_a_base_file_of_another_architecture() throws IOException {
        // given
        save(dir.resolve("a"), ScorerConfig.LOWRANK);
        save(dir.resolve("b"), ScorerConfig.HYDRA);
        Files.copy(dir.resolve("b/base.bin"), dir.resolve("a/base.bin"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // when
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> PersonalizedScorer.load(dir.resolve("a"), new InMemoryHeadStore(), HeadStore.RERANKER));

        // then
        assertTrue(e.getMessage().contains("architecture"), e.getMessage());
    }

    @Test
    void should_refuse_an_invalid_configuration() throws IOException {
        // given
        save(dir, ScorerConfig.LOWRANK);
        Path config = dir.resolve("config.properties");
        Files.writeString(config, Files.readString(config).replace("headKind=lowrank", "headKind=giant"));

        // when
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> PersonalizedScorer.load(dir, new InMemoryHeadStore(), HeadStore.RERANKER));

        // then
        assertTrue(e.getMessage().contains("giant") && e.getMessage().contains(config.toString()), e.getMessage());
    }

    @Test
    void should_refuse_a_model_whose_head_kind_has_another_format_version_installed() {
        // given: a model of a plugin's kind, format 1; then the plugin is replaced by its format 2
        HeadArchitecture v1 = new VersionedHead(1);
        HeadArchitectures.register(v1);
        PersonalizedScorer original = PersonalizedScorer.create(Fixtures.config(v1.name()), new InMemoryHeadStore(),
                HeadStore.RERANKER, 1);
        original.save(dir);
        HeadArchitectures.unregister(v1);
        HeadArchitecture v2 = new VersionedHead(2);
        HeadArchitectures.register(v2);
        try {
            // when
            CorruptDataException e = assertThrows(CorruptDataException.class,
                    () -> PersonalizedScorer.load(dir, new InMemoryHeadStore(), HeadStore.RERANKER));

            // then
            assertTrue(e.getMessage().contains("\"versioned\" format 1") && e.getMessage().contains("reads format 2")
                    && e.getMessage().contains("Install the version of the plugin"), e.getMessage());
        } finally {
            HeadArchitectures.unregister(v2);
        }
    }

    @Test
    void should_load_a_model_of_a_plugins_kind_with_its_default_head() {
        // given
        HeadArchitecture head = new VersionedHead(1);
        HeadArchitectures.register(head);
        try {
            PersonalizedScorer original = PersonalizedScorer.create(Fixtures.config(head.name()),
                    new InMemoryHeadStore(), HeadStore.RERANKER, 1);
            original.save(dir);
            float[] query = new float[Fixtures.DIM];
            float[][] items = {new float[Fixtures.DIM]};
            query[0] = 1;
            items[0][1] = 1;
            float[][] extras = {{0.5f, 1f}};

            // when
            PersonalizedScorer loaded = PersonalizedScorer.load(dir, new InMemoryHeadStore(), HeadStore.RERANKER);

            // then
            assertEquals(original.scoreShared(query, items, extras)[0], loaded.scoreShared(query, items, extras)[0]);
            assertEquals("versioned:h=24,v=1", loaded.config().headLabel());
        } finally {
            HeadArchitectures.unregister(head);
        }
    }

    /** A logistic head over z whose format version is given, named "versioned". */
    private record VersionedHead(int version) implements HeadArchitecture {
        @Override
        public String name() {
            return "versioned";
        }

        @Override
        public int formatVersion() {
            return version;
        }

        @Override
        public int parameterCount(int baseWidth) {
            return baseWidth + 1;
        }

        @Override
        public void doInitialize(float[] params, int baseWidth, Random random) {
            for (int i = 0; i < params.length; i++) {
                params[i] = (float) random.nextGaussian();
            }
        }

        @Override
        public double doForward(float[] params, float[] z) {
            double s = params[z.length];
            for (int i = 0; i < z.length; i++) {
                s += params[i] * z[i];
            }
            return s;
        }

        @Override
        public void doBackward(float[] params, float[] z, double d, float[] gradParams, float[] gradZ) {
            for (int i = 0; i < z.length; i++) {
                gradParams[i] += (float) (d * z[i]);
                gradZ[i] += (float) (d * params[i]);
            }
            gradParams[z.length] += (float) d;
        }
    }
}
