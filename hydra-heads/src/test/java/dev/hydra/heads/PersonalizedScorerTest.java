package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.heads.SyntheticPreferences.UserData;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learning quality of the factorized scorer on seeded synthetic preferences (held-out pairs, AUC). */
class PersonalizedScorerTest {

    private static final long SEED = 42;

    @TempDir
    static Path dir;

    private static List<UserData> users;
    private static List<UserData> newcomers;
    private static PersonalizedScorer trained;
    private static TrainingReport report;

    @BeforeAll
    static void train() {
        SyntheticPreferences data = SyntheticPreferences.of(Fixtures.DIM, 2, SEED);
        users = data.users(40, "u", 12, 5, 8);
        newcomers = data.users(6, "new", 12, 5, 8);
        trained = PersonalizedScorer.create(
                Fixtures.config(ScorerConfig.LOWRANK), new FileHeadStore(dir), HeadStore.RERANKER, SEED);
        report = trained.train(Fixtures.train(users), TrainingOptions.training(SEED));
    }

    @Test
    void should_rank_heads_above_base_only_above_untrained() {
        // given
        PersonalizedScorer untrained = PersonalizedScorer.create(
                Fixtures.config(ScorerConfig.LOWRANK), new FileHeadStore(dir.resolve("empty")), HeadStore.RERANKER,
                SEED);

        // when
        double withHeads = Fixtures.meanAuc(users, e -> Fixtures.personal(trained, e));
        double baseOnly = Fixtures.meanAuc(users, e -> Fixtures.shared(trained, e));
        double none = Fixtures.meanAuc(users, e -> Fixtures.personal(untrained, e));

        // then
        System.out.printf(Locale.ROOT, "AUC heads %.3f, base only %.3f, untrained %.3f; %s%n", withHeads, baseOnly,
                none, report);
        assertTrue(withHeads >= baseOnly + 0.05, "heads " + withHeads + " vs base only " + baseOnly);
        assertTrue(baseOnly >= none + 0.10, "base only " + baseOnly + " vs untrained " + none);
    }

    @Test
    void should_raise_a_new_users_auc_by_fitting_a_head() {
        // given
        double before = Fixtures.meanAuc(newcomers, e -> Fixtures.personal(trained, e));
        assertFalse(trained.hasHead(newcomers.get(0).user()), "a newcomer starts without a head");

        // when
        for (UserData u : newcomers) {
            trained.fit(u.user(), u.train(), TrainingOptions.fitting(SEED));
        }

        // then
        double after = Fixtures.meanAuc(newcomers, e -> Fixtures.personal(trained, e));
        System.out.printf(Locale.ROOT, "newcomers AUC before fit %.3f, after %.3f%n", before, after);
        assertTrue(trained.hasHead(newcomers.get(0).user()));
        assertTrue(after >= before + 0.05, "after " + after + " vs before " + before);
    }

    @Test
    void should_fit_a_head_on_a_thread_of_its_own_as_a_background_fitter_does() throws Exception {
        // given a newcomer, and a thread that is not the one that started the engine
        UserData u = SyntheticPreferences.of(Fixtures.DIM, 2, SEED).users(1, "background", 12, 5, 8).get(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                trained.fit(u.user(), u.train(), TrainingOptions.fitting(SEED));
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, "test-background-fit");

        // when
        thread.start();
        thread.join(TimeUnit.MINUTES.toMillis(2));

        // then
        assertFalse(thread.isAlive(), "the fit did not end");
        assertNull(failure.get(), () -> "the fit failed on its own thread: " + failure.get());
    }

    @Test
    void should_keep_a_heavily_anchored_head_at_the_default_head() {
        // given: a newcomer's pairs under a user id no other test uses
        UserId anchored = UserId.of("anchored");
        List<PairExample> pairs = newcomers.get(1).train().stream()
                .map(e -> new PairExample(anchored, e.query(), e.item(), e.extras(), e.label())).toList();
        TrainingOptions options = TrainingOptions.fitting(SEED);
        TrainingOptions heavy = new TrainingOptions(options.learningRate(), 0, options.epochs(),
                options.batchSize(), 0, options.patience(), 1000, SEED);

        // when
        trained.fit(anchored, pairs, heavy);

        // then
        for (PairExample e : pairs.subList(0, 10)) {
            assertEquals(Fixtures.shared(trained, e), Fixtures.personal(trained, e), 0.02);
        }
    }

    @Test
    void should_give_identical_scores_after_save_and_load() {
        // given
        Path model = dir.resolve("model/reranker");
        trained.save(model);

        // when
        PersonalizedScorer loaded = PersonalizedScorer.load(model, new FileHeadStore(dir), HeadStore.RERANKER);

        // then
        assertEquals(trained.config(), loaded.config());
        for (UserData u : users.subList(0, 5)) {
            for (PairExample e : u.test()) {
                assertEquals(Fixtures.personal(trained, e), Fixtures.personal(loaded, e), 0.0);
                assertEquals(Fixtures.shared(trained, e), Fixtures.shared(loaded, e), 0.0);
            }
        }
    }

    @Test
    void should_refuse_fitting_examples_of_another_user() {
        // given
        UserData u = users.get(0);

        // when / then
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trained.fit(users.get(1).user(), u.train(), TrainingOptions.fitting(SEED)));
        assertTrue(e.getMessage().contains(u.user().value()), e.getMessage());
    }

    @Test
    void should_refuse_vectors_of_the_wrong_dimension() {
        // given
        float[] query = new float[Fixtures.DIM + 1];

        // when / then
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trained.scoreShared(query, new float[][] {new float[Fixtures.DIM + 1]}, new float[][] {{0, 1}}));
        assertTrue(e.getMessage().contains("query vector"), e.getMessage());
        assertArrayEquals(new double[0], trained.scoreShared(new float[Fixtures.DIM], new float[0][], null));
    }
}
