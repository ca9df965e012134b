package dev.hydra.retrievers.internal;

import dev.hydra.api.spi.HistoryStore;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * In OSGi, opens the {@link LuceneHistoryStore} that Configuration Admin points at (PID
 * {@value #PID}, property {@code path}) and offers it as a {@link HistoryStore} service named
 * {@value LuceneHistoryStore#NAME}; closes it when the configuration or the bundle goes.
 *
 * <p>The store itself is the service (not a wrapper), because the Lucene retrievers need the
 * {@link LuceneHistoryStore} class. The store keeps no vectors here: dense and hybrid retrieval need an encoder,
 * which is a class-path feature for now.
 */
@Component(configurationPid = LuceneHistoryStoreComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class LuceneHistoryStoreComponent {

    /** The Configuration Admin PID of the store. */
    public static final String PID = "dev.hydra.history.lucene";

    /** The store's properties. */
    public @interface Config {

        /**
         * The index directory; created when missing.
         *
         * @return the path
         */
        String path();
    }

    private LuceneHistoryStore store;
    private ServiceRegistration<HistoryStore> registration;

    /** Creates the component (for Declarative Services). */
    public LuceneHistoryStoreComponent() {}

    @Activate
    void activate(BundleContext context, Config config) {
        store = LuceneHistoryStore.open(Path.of(config.path()));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("hydra.plugin.name", LuceneHistoryStore.NAME);
        props.put("hydra.history.path", config.path());
        registration = context.registerService(HistoryStore.class, store, props);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (store != null) {
            store.close();
        }
    }
}
