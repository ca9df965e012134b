package dev.hydra.example.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.example.plugin.TastePairs.UserData;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.heads.HeadArchitectures;
import dev.hydra.heads.PairExample;
import dev.hydra.heads.PersonalizedScorer;
import dev.hydra.heads.ScorerConfig;
import dev.hydra.heads.TrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a plain class path, hydra-heads finds the head through {@code META-INF/services} and trains, fits, saves and
 * loads it through the same paths as its built-in kinds.
 */
class BiasScaleHeadTrainingTest {

    private static final int DIM = 12;
    private static final long SEED = 7;

    @TempDir
    Path dir;

    private final TastePairs data = new TastePairs(DIM, SEED);
    private final List<UserData> users = data.users(30, "u", 12, 5, 8);
    private final List<UserData> newcomers = data.users(4, "new", 12, 5, 8);

    private static ScorerConfig config() {
        return new ScorerConfig(DIM, 2, List.of(48, 24), BiasScaleHead.NAME, 8);
    }

    @Test
    void should_be_found_by_hydra_heads_through_the_service_loader() {
        // when
        HeadArchitecture found = HeadArchitectures.get(BiasScaleHead.NAME);

        // then
        assertInstanceOf(BiasScaleHead.class, found);
        assertTrue(HeadArchitectures.names().contains(BiasScaleHead.NAME), HeadArchitectures.names().toString());
    }

    @Test
    void should_train_fit_save_and_load_like_a_built_in_head() {
        // given
        FileHeadStore store = new FileHeadStore(dir.resolve("heads"));
        PersonalizedScorer scorer = PersonalizedScorer.create(config(), store, HeadStore.RERANKER, SEED);
        double untrained = meanAuc(users, e -> personal(scorer, e));

        // when
        scorer.train(pairs(users), TrainingOptions.training(SEED));
        double trained = meanAuc(users, e -> personal(scorer, e));
        UserData newcomer = newcomers.get(0);
        scorer.fit(newcomer.user(), newcomer.train(), TrainingOptions.fitting(SEED));
        scorer.save(dir.resolve("model"));
        PersonalizedScorer loaded = PersonalizedScorer.load(dir.resolve("model"), store, HeadStore.RERANKER);

        // then
        System.out.printf(Locale.ROOT, "bias-scale heads: AUC untrained %.3f, trained %.3f%n", untrained, trained);
        assertTrue(trained >= untrained + 0.10, "trained " + trained + " vs untrained " + untrained);
        HeadParameters head = store.load(users.get(0).user(), HeadStore.RERANKER).orElseThrow();
        assertEquals("bias-scale:h=24,v=1" + PersonalizedScorer.BASE_MARK, head.kind().substring(0, 25));
        assertEquals(loaded.headKind(), head.kind(), "the loaded base is the one the heads were fitted on");
        assertEquals(2, head.values().length);
        assertEquals(BiasScaleHead.NAME, loaded.config().headKind());
        for (UserData u : List.of(users.get(0), newcomer)) {
            PairExample e = u.test().get(0);
            float[][] items = {e.item()};
            float[][] extras = {e.extras()};
            assertArrayEquals(scorer.score(u.user(), e.query(), items, extras),
                    loaded.score(u.user(), e.query(), items, extras), "scores of " + u.user() + " after loading");
        }
    }

    @Test
    void should_refuse_a_model_of_its_kind_when_the_plugin_is_not_installed() {
        // given
        PersonalizedScorer.create(config(), new FileHeadStore(dir), HeadStore.RERANKER, SEED).save(dir.resolve("m"));
        HeadArchitecture installed = HeadArchitectures.get(BiasScaleHead.NAME);
        HeadArchitectures.unregister(installed);
        try {
            // when
            CorruptDataException e = assertThrows(CorruptDataException.class,
                    () -> PersonalizedScorer.load(dir.resolve("m"), new FileHeadStore(dir), HeadStore.RERANKER));

            // then
            assertTrue(e.getMessage().contains("\"bias-scale\"") && e.getMessage().contains("Install the plugin"),
                    e.getMessage());
        } finally {
            HeadArchitectures.register(installed);
        }
    }

    private static List<PairExample> pairs(List<UserData> users) {
        List<PairExample> out = new ArrayList<>();
        users.forEach(u -> out.addAll(u.train()));
        return out;
    }

    private static double personal(PersonalizedScorer scorer, PairExample e) {
        return scorer.score(e.user(), e.query(), new float[][] {e.item()}, new float[][] {e.extras()})[0];
    }

    private static double meanAuc(List<UserData> users, Function<PairExample, Double> score) {
        double sum = 0;
        for (UserData u : users) {
            double[] scores = u.test().stream().mapToDouble(score::apply).toArray();
            int[] labels = u.test().stream().mapToInt(PairExample::label).toArray();
            sum += TastePairs.auc(scores, labels);
        }
        return sum / users.size();
    }
}
