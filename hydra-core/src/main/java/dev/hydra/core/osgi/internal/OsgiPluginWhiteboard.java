package dev.hydra.core.osgi.internal;

import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Plugin;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.osgi.PipelineService;
import dev.hydra.core.registry.PluginRegistry;
import dev.hydra.core.task.BuiltInTasks;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Keeps a {@link PluginRegistry} in step with the plugin services of the framework, and offers it as a service.
 *
 * <p>Every service of an extension point (any bundle's, whatever its start order) is registered under its
 * {@code name()} when it arrives and unregistered when it leaves; the built-in tasks are there from the start.
 * A second service with a name already taken is ignored (with a warning) until the first one leaves.
 *
 * <p>The registry service is registered by hand, so the bundle declares it as a capability: the pipeline component
 * requires it, and a resolver that checks service requirements (Karaf's feature resolver) needs to see who offers it.
 */
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=\"dev.hydra.core.registry.PluginRegistry\"",
        uses = PluginRegistry.class)
@Component(immediate = true)
public final class OsgiPluginWhiteboard {

    private static final System.Logger LOG = System.getLogger(OsgiPluginWhiteboard.class.getName());

    private final PluginRegistry registry = new PluginRegistry();
    private ServiceRegistration<PluginRegistry> registration;

    /** Creates the whiteboard with the built-in tasks registered. */
    public OsgiPluginWhiteboard() {
        BuiltInTasks.all().forEach(task -> registry.register(TaskSpec.class, task));
    }

    /**
     * Offers the registry as a service.
     *
     * @param context this bundle's context
     */
    @Activate
    void activate(BundleContext context) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(PipelineService.PLUGIN_NAME, "osgi-whiteboard");
        registration = context.registerService(PluginRegistry.class, registry, props);
    }

    /** Withdraws the registry service. */
    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    /**
     * The registry this whiteboard keeps.
     *
     * @return the registry
     */
    PluginRegistry registry() {
        return registry;
    }

    private <T extends Plugin> void add(Class<T> point, T plugin) {
        try {
            registry.register(point, plugin);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring a plugin service: " + e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeRetriever")
    void addRetriever(RetrieverProvider plugin) {
        add(RetrieverProvider.class, plugin);
    }

    void removeRetriever(RetrieverProvider plugin) {
        registry.unregister(RetrieverProvider.class, plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeEncoder")
    void addEncoder(TextEncoder plugin) {
        add(TextEncoder.class, plugin);
    }

    void removeEncoder(TextEncoder plugin) {
        registry.unregister(TextEncoder.class, plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeReranker")
    void addReranker(Reranker plugin) {
        add(Reranker.class, plugin);
    }

    void removeReranker(Reranker plugin) {
        registry.unregister(Reranker.class, plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeAdapter")
    void addAdapter(Adapter plugin) {
        add(Adapter.class, plugin);
    }

    void removeAdapter(Adapter plugin) {
        registry.unregister(Adapter.class, plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeBackend")
    void addBackend(LlmBackend plugin) {
        add(LlmBackend.class, plugin);
    }

    void removeBackend(LlmBackend plugin) {
        registry.unregister(LlmBackend.class, plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeTask")
    void addTask(TaskSpec plugin) {
        add(TaskSpec.class, plugin);
    }

    void removeTask(TaskSpec plugin) {
        registry.unregister(TaskSpec.class, plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeHeadStore")
    void addHeadStore(HeadStore plugin) {
        add(HeadStore.class, plugin);
    }

    void removeHeadStore(HeadStore plugin) {
        registry.unregister(HeadStore.class, plugin);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeHistoryStore")
    void addHistoryStore(HistoryStore plugin) {
        add(HistoryStore.class, plugin);
    }

    void removeHistoryStore(HistoryStore plugin) {
        registry.unregister(HistoryStore.class, plugin);
    }
}
