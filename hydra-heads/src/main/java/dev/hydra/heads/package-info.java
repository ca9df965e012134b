/**
 * The factorized models of HYDRA: a shared base network and per-user heads, trained with DJL on PyTorch.
 *
 * <p><b>Pieces.</b> {@link dev.hydra.heads.PairFeatures} turns a (query, item) pair of encoder vectors into
 * features; {@link dev.hydra.heads.PersonalizedScorer} is the base + heads model (configured by
 * {@link dev.hydra.heads.ScorerConfig}, trained with {@link dev.hydra.heads.TrainingOptions} on
 * {@link dev.hydra.heads.PairExample}s); {@link dev.hydra.heads.HydraReranker} and
 * {@link dev.hydra.heads.HydraAdapter} expose two scorers through the {@code Reranker} and {@code Adapter}
 * SPIs; {@link dev.hydra.heads.FileHeadStore} keeps the heads on disk. The heads' shape is a
 * {@link dev.hydra.api.spi.HeadArchitecture} found by name in {@link dev.hydra.heads.HeadArchitectures}: the
 * built-in {@code "hydra"} and {@code "lowrank"}, or a plugin's (trained here on DJL, run in plain Java).
 *
 * <p><b>Typical use.</b>
 * <pre>{@code
 * HeadStore heads = new FileHeadStore(modelDir);
 * PersonalizedScorer scorer = PersonalizedScorer.create(ScorerConfig.defaults(encoder.dimension(),
 *         HydraReranker.EXTRA_FEATURES), heads, HeadStore.RERANKER, seed);
 * scorer.train(examples, TrainingOptions.training(seed));      // base + default head + users' heads
 * scorer.fit(newUser, theirExamples, TrainingOptions.fitting(seed)); // base frozen
 * scorer.save(modelDir.resolve("reranker"));
 * Reranker reranker = new HydraReranker(
 *         PersonalizedScorer.load(modelDir.resolve("reranker"), heads, HeadStore.RERANKER), encoder);
 * }</pre>
 *
 * <p><b>DJL.</b> Only training and fitting call DJL, always with this bundle's class loader as the thread
 * context class loader, and every NDArray in a manager closed when the call ends; scoring is plain Java.
 * Unless already set, the module sets {@code ai.djl.offline=true} and one PyTorch thread
 * ({@code ai.djl.pytorch.num_threads}, {@code ai.djl.pytorch.num_interop_threads}) before DJL starts.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package dev.hydra.heads;
