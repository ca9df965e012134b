package dev.hydra.core.osgi;

import dev.hydra.api.spi.Plugin;
import dev.hydra.core.pipeline.HydraConfig;
import java.util.Objects;

/**
 * What a configured pipeline is made of: plugin names and HYDRA's numbers. Configuration Admin properties
 * under {@link PipelineService#PID}: {@code retriever}, {@code store}, {@code backend}, {@code task},
 * {@code reranker} and {@code adapter} (empty for none), {@code m}, {@code k}, {@code n}, {@code temperature},
 * {@code maxTokens}, {@code seed}.
 *
 * @param retriever the {@code RetrieverProvider} name used unless a request names another
 * @param store the {@code HistoryStore} name the retriever searches
 * @param backend the {@code LlmBackend} name: the black box
 * @param task the default {@code TaskSpec} name
 * @param reranker the {@code Reranker} name, or empty for none
 * @param adapter the {@code Adapter} name, or empty for none
 * @param config M, k, N, temperature, tokens and seed
 * @since 0.1
 */
public record PipelineSettings(
        String retriever, String store, String backend, String task, String reranker, String adapter,
        HydraConfig config) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException when a plugin name breaks {@link Plugin#NAME_RULE}
     * @throws NullPointerException when a component is {@code null}
     */
    public PipelineSettings {
        Plugin.checkName(retriever);
        Plugin.checkName(store);
        Plugin.checkName(backend);
        Plugin.checkName(task);
        if (!Objects.requireNonNull(reranker, "reranker (empty for none)").isEmpty()) {
            Plugin.checkName(reranker);
        }
        if (!Objects.requireNonNull(adapter, "adapter (empty for none)").isEmpty()) {
            Plugin.checkName(adapter);
        }
        Objects.requireNonNull(config, "config");
    }
}
