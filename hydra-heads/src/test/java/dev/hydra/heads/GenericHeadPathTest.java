package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.heads.SyntheticPreferences.UserData;
import dev.hydra.testkit.InMemoryHeadStore;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The path that trains and fits a plugin's head (its forward and backward in Java, the base on DJL) gives what
 * the tensor path of the built-in kinds gives, for the same architecture: the built-in low-rank head, hidden
 * behind a delegate so that training cannot recognise it, trains to the same scores up to rounding.
 */
class GenericHeadPathTest {

    private static final HeadArchitecture DISGUISED = new Disguised(HeadArchitectures.get(ScorerConfig.LOWRANK));

    private final List<UserData> users = SyntheticPreferences.of(Fixtures.DIM, 2, 3).users(4, "g", 4, 2, 6);

    @BeforeAll
    static void install() {
        HeadArchitectures.register(DISGUISED);
    }

    @AfterAll
    static void uninstall() {
        HeadArchitectures.unregister(DISGUISED);
    }

    private PersonalizedScorer trained(String kind) {
        PersonalizedScorer scorer = PersonalizedScorer.create(Fixtures.config(kind), new InMemoryHeadStore(),
                HeadStore.RERANKER, 3);
        scorer.train(Fixtures.train(users), TrainingOptions.training(3).withEpochs(3));
        scorer.fit(users.get(0).user(), users.get(0).train(), TrainingOptions.fitting(3).withEpochs(3));
        return scorer;
    }

    @Test
    void should_train_and_fit_a_java_head_as_the_tensor_path_trains_the_same_head() {
        // given
        PersonalizedScorer tensors = trained(ScorerConfig.LOWRANK);
        PersonalizedScorer generic = trained(DISGUISED.name());

        PairExample probe = users.get(1).test().get(0);
        double untrained = Fixtures.shared(PersonalizedScorer.create(Fixtures.config(ScorerConfig.LOWRANK),
                new InMemoryHeadStore(), HeadStore.RERANKER, 3), probe);

        // when / then
        for (UserData u : users) {
            for (PairExample e : u.test()) {
                double expected = Fixtures.personal(tensors, e);
                assertEquals(expected, Fixtures.personal(generic, e), 1e-3, "score of a pair of " + u.user());
                assertEquals(Fixtures.shared(tensors, e), Fixtures.shared(generic, e), 1e-3, "default head's score");
            }
        }
        assertNotEquals(untrained, Fixtures.shared(tensors, probe), 1e-4, "training moved nothing");
        assertEquals(tensors.hasHead(users.get(0).user()), generic.hasHead(users.get(0).user()), "fitted head kept");
    }

    /** Another name for an architecture, so that training takes the generic path for it. */
    private record Disguised(HeadArchitecture inner) implements HeadArchitecture {
        @Override
        public String name() {
            return "disguised-lowrank";
        }

        @Override
        public int parameterCount(int baseWidth) {
            return inner.parameterCount(baseWidth);
        }

        @Override
        public void doInitialize(float[] params, int baseWidth, Random random) {
            inner.doInitialize(params, baseWidth, random);
        }

        @Override
        public double doForward(float[] params, float[] z) {
            return inner.doForward(params, z);
        }

        @Override
        public void doBackward(float[] params, float[] z, double d, float[] gradParams, float[] gradZ) {
            inner.doBackward(params, z, d, gradParams, gradZ);
        }
    }
}
