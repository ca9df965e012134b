package dev.hydra.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.anchor.AnchorWeights;
import dev.hydra.core.fitting.HourlyLlmBudget;
import dev.hydra.core.fitting.UserFitter;
import dev.hydra.core.llm.CachingLlmBackend;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link UserFitter#heads}: a trained model's heads fitted for a new user by the model's own trainer. */
class HeadsUserFitterTest {

    private static final TaskSpec MOVIES = BuiltInTasks.find("movie_tagging").orElseThrow();
    private static final HydraConfig SMALL = new HydraConfig(4, 2, 3, 1.0, 6, 42L);
    private static final UserId DAN = UserId.of("dan");

    @TempDir
    Path dir;

    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    private final RecordingScorers scorers = new RecordingScorers();
    private final ScriptedLlmBackend llm = ScriptedLlmBackend.builder()
            .fallback((p, i) -> p.turns().size() > 1 && i % 2 == 0 ? p.turns().get(1).text() : "comedy").build();

    private void history(UserId u) {
        String[] tags = {"sci-fi", "comedy", "romance"};
        for (int i = 0; i < 8; i++) {
            store.add(HistoryItem.of(u + "-" + i, u, "a film about robots and love number " + i,
                    tags[(i + u.value().length()) % 3]));
        }
    }

    private HydraModel trained() {
        for (String u : List.of("ana", "ben", "cleo")) {
            history(UserId.of(u));
        }
        ApplicationTrainingReport report = ApplicationTraining.builder().store(store)
                .retriever(new OverlapRetriever(store)).task(MOVIES).backend(llm)
                .cache(new LlmResponseCache(dir.resolve("cache"))).scorers(scorers).config(SMALL)
                .pseudoQueriesPerUser(2).budget(LlmBudget.ofCalls(100)).build().train(dir.resolve("model"));
        assertTrue(report.trained(), report.summary());
        history(DAN);
        return HydraModel.load(dir.resolve("model"), scorers);
    }

    private UserFitter fitterOf(HydraModel model, HourlyLlmBudget budget) {
        HydraTrainer trainer = HydraTrainer.builder().store(store).retriever(new OverlapRetriever(store)).task(MOVIES)
                .backend(new CachingLlmBackend(budget, new LlmResponseCache(dir.resolve("fit-cache")))).scorers(scorers)
                .settingsOf(model).build();
        return UserFitter.heads(trainer, model);
    }

    @Test
    void should_fit_a_new_users_heads_in_the_modules_in_use_within_the_call_ceiling_it_announces() {
        // given a trained model whose learned parts are both in use, and a new user
        try (HydraModel trained = trained()) {
            Map<String, Object> manifest = new HashMap<>(trained.manifest());
            manifest.put("anchors", new AnchorWeights(1, 10, 1, 1).toMap());
            HydraModel model = new HydraModel(dir, manifest, trained.rerankerScorer(), trained.adapterScorer());
            HourlyLlmBudget budget = HourlyLlmBudget.of(llm, LlmBudget.ofCalls(1_000), Clock.systemUTC());
            UserFitter fitter = fitterOf(model, budget);

            // when
            Set<String> own = fitter.fit(DAN);

            // then: 2 pseudo-queries, each 4 reranker labels and 3 adapter answers
            assertEquals(14, fitter.callCeiling());
            assertTrue(budget.totalCalls() > 0 && budget.totalCalls() <= 14, budget.totalCalls() + " calls");
            assertEquals(Set.of(HeadStore.RERANKER, HeadStore.ADAPTER), own);
            assertTrue(scorers.fitted.get("reranker/dan").stream().allMatch(p -> p.user().equals(DAN)));
        }
    }

    @Test
    void should_fit_nothing_and_spend_nothing_for_a_model_whose_learned_parts_weigh_zero() {
        // given
        try (HydraModel trained = trained()) {
            Map<String, Object> manifest = new HashMap<>(trained.manifest());
            manifest.put("anchors", new AnchorWeights(0, 10, 0, 1).toMap());
            HydraModel model = new HydraModel(dir, manifest, trained.rerankerScorer(), trained.adapterScorer());
            HourlyLlmBudget budget = HourlyLlmBudget.of(llm, LlmBudget.ofCalls(1_000), Clock.systemUTC());
            UserFitter fitter = fitterOf(model, budget);

            // when
            Set<String> own = fitter.fit(DAN);

            // then
            assertEquals(0, fitter.callCeiling());
            assertEquals(0, budget.totalCalls());
            assertEquals(Set.of(), own, "a head whose weight is 0 would not be used");
        }
    }
}
