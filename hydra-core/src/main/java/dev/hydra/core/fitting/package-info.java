/**
 * Fitting users' heads in the background while the application serves: {@link
 * dev.hydra.core.fitting.BackgroundFitter} fits a new user once their history is long enough and refits a user
 * after enough new items, on a thread of its own, from a bounded queue, within a per-hour LLM budget
 * ({@link dev.hydra.core.fitting.HourlyLlmBudget}). Requests never wait for it: an offer returns at once with a
 * {@link dev.hydra.core.fitting.FitOffer}.
 *
 * <p>A user keeps the shared head until their own beats it on their held-out queries (the rule of
 * {@link dev.hydra.core.training.TrainableScorer#fit}); every fit is reported per user
 * ({@link dev.hydra.core.fitting.UserFitReport}).
 *
 * @since 0.2
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.hydra.core.fitting;
