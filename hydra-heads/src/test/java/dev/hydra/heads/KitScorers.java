package dev.hydra.heads;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.testkit.InMemoryHeadStore;
import dev.hydra.testkit.TestCorpora;
import java.util.List;

/** Small trained scorers for the compatibility kits; trained once per JVM. */
final class KitScorers {

    static final FeatureHashingTextEncoder ENCODER = new FeatureHashingTextEncoder(16);
    private static PersonalizedScorer reranker;
    private static PersonalizedScorer adapter;

    private KitScorers() {}

    static synchronized PersonalizedScorer reranker() {
        if (reranker == null) {
            reranker = trained(HydraReranker.EXTRA_FEATURES, HeadStore.RERANKER);
        }
        return reranker;
    }

    static synchronized PersonalizedScorer adapter() {
        if (adapter == null) {
            adapter = trained(0, HeadStore.ADAPTER);
        }
        return adapter;
    }

    /** A scorer trained on a few synthetic users, whose first head is also given to alice. */
    private static PersonalizedScorer trained(int extras, String module) {
        InMemoryHeadStore store = new InMemoryHeadStore();
        ScorerConfig config = new ScorerConfig(ENCODER.dimension(), extras, List.of(16, 8), ScorerConfig.LOWRANK, 4);
        PersonalizedScorer scorer = PersonalizedScorer.create(config, store, module, 7);
        List<SyntheticPreferences.UserData> users = SyntheticPreferences.of(ENCODER.dimension(), extras, 7)
                .users(3, "kit", 4, 0, 6);
        scorer.train(Fixtures.train(users), TrainingOptions.training(7).withEpochs(3));
        HeadParameters head = store.load(users.get(0).user(), module).orElseThrow();
        store.save(TestCorpora.ALICE, module, head);
        return scorer;
    }
}
