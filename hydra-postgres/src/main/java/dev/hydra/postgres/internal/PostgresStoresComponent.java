package dev.hydra.postgres.internal;

import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.llm.ResponseCache;
import dev.hydra.postgres.PostgresDatabase;
import dev.hydra.postgres.PostgresHeadStore;
import dev.hydra.postgres.PostgresHistoryStore;
import dev.hydra.postgres.PostgresResponseCache;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * In OSGi, opens the PostgreSQL database that Configuration Admin points at (PID {@value #PID}: {@code url},
 * optional {@code schema} and {@code poolSize}) and offers a {@link HistoryStore}, a {@link HeadStore} and the black
 * box's {@link ResponseCache} over it, all named {@value PostgresHistoryStore#NAME}; closes them and the pool when the configuration or the bundle
 * goes. A container switches backends by configuration: this PID instead of the Lucene store's. The history store
 * keeps no vectors here: an encoder is a class-path feature for now, as for the Lucene component.
 */
@Component(configurationPid = PostgresStoresComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class PostgresStoresComponent {

    /** The Configuration Admin PID of the stores. */
    public static final String PID = "dev.hydra.store.postgres";

    /** The stores' properties. */
    public @interface Config {

        /**
         * The database, credentials included.
         *
         * @return a {@code jdbc:postgresql://host:port/database?user=...&password=...} URL
         */
        String url();

        /**
         * The schema.
         *
         * @return the schema, {@value PostgresDatabase#DEFAULT_SCHEMA} by default
         */
        String schema() default PostgresDatabase.DEFAULT_SCHEMA;

        /**
         * The most connections of the pool.
         *
         * @return the pool size, at least 2
         */
        int poolSize() default PostgresDatabase.DEFAULT_POOL_SIZE;
    }

    private static final System.Logger LOG = System.getLogger(PostgresStoresComponent.class.getName());

    private PostgresDatabase db;
    private PostgresHistoryStore history;
    private PostgresHeadStore heads;
    private PostgresResponseCache cache;
    private ServiceRegistration<HistoryStore> historyRegistration;
    private ServiceRegistration<HeadStore> headRegistration;
    private ServiceRegistration<ResponseCache> cacheRegistration;

    /** Creates the component (for Declarative Services). */
    public PostgresStoresComponent() {}

    @Activate
    void activate(BundleContext context, Config config) {
        try {
            open(context, config);
        } catch (RuntimeException e) {
            deactivate();
            IllegalStateException failure = failure(e);
            LOG.log(System.Logger.Level.ERROR, failure.getMessage());
            throw failure;
        }
    }

    /**
     * Says which property of the configuration the stores could not open with, for the log and for Service
     * Component Runtime's failure report.
     *
     * @param cause what opening threw; its message names the value (the URL without its password)
     * @return an exception naming the PID, the property and the fix
     */
    static IllegalStateException failure(RuntimeException cause) {
        String message = String.valueOf(cause.getMessage());
        String property;
        String fix;
        if (message.startsWith("invalid schema")) {
            property = "schema";
            fix = "give a schema name that follows that rule";
        } else if (message.startsWith("invalid pool size")) {
            property = "poolSize";
            fix = "give at least 2";
        } else {
            property = "url";
            fix = "give jdbc:postgresql://host:port/database?user=...&password=... of a reachable server";
        }
        return new IllegalStateException("configuration " + PID + ", property " + property
                + ": no PostgreSQL stores: " + message + "; fix the property in Configuration Admin: " + fix, cause);
    }

    private void open(BundleContext context, Config config) {
        db = PostgresDatabase.open(config.url(), config.schema(), config.poolSize());
        history = PostgresHistoryStore.open(db, Optional.empty());
        heads = PostgresHeadStore.open(db);
        cache = PostgresResponseCache.open(db);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("hydra.plugin.name", PostgresHistoryStore.NAME);
        props.put("hydra.store.location", db.location());
        historyRegistration = context.registerService(HistoryStore.class, history, props);
        headRegistration = context.registerService(HeadStore.class, heads, props);
        cacheRegistration = context.registerService(ResponseCache.class, cache, props);
    }

    @Deactivate
    void deactivate() {
        if (cacheRegistration != null) {
            cacheRegistration.unregister();
        }
        if (headRegistration != null) {
            headRegistration.unregister();
        }
        if (historyRegistration != null) {
            historyRegistration.unregister();
        }
        if (cache != null) {
            cache.close();
        }
        if (heads != null) {
            heads.close();
        }
        if (history != null) {
            history.close();
        }
        if (db != null) {
            db.close();
        }
        cacheRegistration = null;
        headRegistration = null;
        historyRegistration = null;
        cache = null;
        heads = null;
        history = null;
        db = null;
    }
}
