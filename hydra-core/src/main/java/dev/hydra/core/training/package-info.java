/**
 * Training data for HYDRA's reranker and adapter, made with the black box: pseudo-queries from a user's own
 * history, reranker labels from one-shot answers, adapter candidates from few-shot samples.
 *
 * <p>A user outside training is fitted from their own history alone: nothing here ever sees a test query or
 * its gold output (hydra-method.md §9, the leakage trap of the released code).
 *
 * <p>{@link dev.hydra.core.training.ApplicationTraining} trains from an application's side: the users already in
 * its history store, its own model as the black box, within an LLM budget it never exceeds, with a report of what
 * the budget bought ({@link dev.hydra.core.training.ApplicationTrainingReport}).
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.6.0")
package dev.hydra.core.training;
