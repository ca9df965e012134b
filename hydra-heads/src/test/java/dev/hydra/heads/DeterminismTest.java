package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hydra.api.spi.HeadStore;
import dev.hydra.heads.SyntheticPreferences.UserData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same data and seed give the same weights; another seed gives others. */
class DeterminismTest {

    @TempDir
    Path dir;

    private final List<UserData> users = SyntheticPreferences.of(Fixtures.DIM, 2, 3).users(5, "d", 4, 0, 6);

    private Path trainInto(String name, long seed) {
        Path home = dir.resolve(name);
        PersonalizedScorer scorer = PersonalizedScorer.create(
                Fixtures.config(ScorerConfig.HYDRA), new FileHeadStore(home), HeadStore.ADAPTER, seed);
        scorer.train(Fixtures.train(users), TrainingOptions.training(seed).withEpochs(3));
        scorer.fit(users.get(0).user(), users.get(0).train(), TrainingOptions.fitting(seed).withEpochs(3));
        scorer.save(home.resolve("model"));
        return home;
    }

    @Test
    void should_give_identical_weights_for_the_same_data_and_seed() throws IOException {
        // when
        Path first = trainInto("first", 11);
        Path second = trainInto("second", 11);

        // then
        assertArrayEquals(Files.readAllBytes(first.resolve("model/base.bin")),
                Files.readAllBytes(second.resolve("model/base.bin")), "base.bin");
        for (UserData u : users) {
            assertEquals(new FileHeadStore(first).load(u.user(), HeadStore.ADAPTER),
                    new FileHeadStore(second).load(u.user(), HeadStore.ADAPTER), "head of " + u.user());
        }
    }

    @Test
    void should_give_other_weights_for_another_seed() throws IOException {
        // when
        Path first = trainInto("first", 11);
        Path other = trainInto("other", 12);

        // then
        assertFalse(Arrays.equals(Files.readAllBytes(first.resolve("model/base.bin")),
                Files.readAllBytes(other.resolve("model/base.bin"))));
    }
}
