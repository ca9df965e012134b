package dev.hydra.core.osgi.internal;

import dev.hydra.api.Query;
import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.osgi.PipelineService;
import dev.hydra.core.osgi.PipelineSettings;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.registry.PluginRegistry;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * The pipeline that Configuration Admin configures (PID {@value PipelineService#PID}): on every request it
 * looks its plugins up in the whiteboard's registry by name and runs {@link Hydra} with them.
 *
 * <p>Looking up per request is what makes plugins dynamic: a retriever bundle installed a moment ago serves the
 * next request that names it, and one uninstalled fails it with the names still known. Building a
 * {@link Hydra} costs a few allocations. A new configuration replaces the component (DS default).
 */
@Component(service = PipelineService.class, configurationPid = PipelineService.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class RegistryPipeline implements PipelineService {

    private final PluginRegistry registry;
    private final PipelineSettings settings;

    /**
     * Creates the component from its configuration.
     *
     * @param registry the whiteboard's registry
     * @param config the pipeline's properties
     * @throws IllegalArgumentException when a name or number is invalid; DS logs it and offers no service
     */
    @Activate
    public RegistryPipeline(@Reference PluginRegistry registry, PipelineConfig config) {
        this(registry, new PipelineSettings(config.retriever(), config.store(), config.backend(), config.task(),
                config.reranker(), config.adapter(), new HydraConfig(config.m(), config.k(), config.n(),
                        config.temperature(), config.maxTokens(), config.seed())));
    }

    /**
     * Creates a pipeline over a registry, without OSGi.
     *
     * @param registry the registry to look plugins up in
     * @param settings the plugin names and numbers
     */
    RegistryPipeline(PluginRegistry registry, PipelineSettings settings) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public HydraResult personalize(Query query) {
        return personalize(query, settings.retriever());
    }

    @Override
    public HydraResult personalize(Query query, String retriever) {
        Objects.requireNonNull(query, "query");
        RetrieverProvider provider = registry.get(RetrieverProvider.class, retriever);
        HistoryStore store = registry.get(HistoryStore.class, settings.store());
        Hydra.Builder builder = Hydra.builder()
                .retriever(provider.create(RetrieverContext.of(store)))
                .backend(registry.get(LlmBackend.class, settings.backend()))
                .config(settings.config());
        for (String task : registry.names(TaskSpec.class)) {
            registry.find(TaskSpec.class, task).ifPresent(t -> builder.addTasks(java.util.List.of(t)));
        }
        builder.task(registry.get(TaskSpec.class, settings.task()));
        if (!settings.reranker().isEmpty()) {
            builder.reranker(registry.get(Reranker.class, settings.reranker()));
        }
        if (!settings.adapter().isEmpty()) {
            builder.adapter(registry.get(Adapter.class, settings.adapter()));
        }
        return builder.build().personalize(query);
    }

    @Override
    public PipelineSettings settings() {
        return settings;
    }
}
