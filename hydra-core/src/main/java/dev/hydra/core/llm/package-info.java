/**
 * The persistent response cache of the black-box LLM: {@link dev.hydra.core.llm.CachingLlmBackend} wraps any
 * {@link dev.hydra.api.spi.LlmBackend} so that a rerun of training or evaluation costs no LLM call and gives
 * the same answers.
 *
 * <p>Entries live in a {@link dev.hydra.core.llm.ResponseCache}: by default {@link dev.hydra.core.llm.LlmResponseCache},
 * one small checksummed file per sample, under {@code HYDRA_HOME/cache/llm}; hydra-postgres keeps them in a table. A damaged entry is detected, deleted and asked again, never returned.
 *
 * <p>{@link dev.hydra.core.llm.BudgetedLlmBackend} spends at most an {@link dev.hydra.core.llm.LlmBudget} of calls
 * and tokens of the backend it wraps; under the cache, answers already paid for cost nothing.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package dev.hydra.core.llm;
