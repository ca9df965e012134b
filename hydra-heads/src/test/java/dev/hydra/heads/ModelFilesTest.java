package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.testkit.InMemoryHeadStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
        Files.copy(dir.resolve("b/base.bin"), dir.resolve("a/base.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

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
}
