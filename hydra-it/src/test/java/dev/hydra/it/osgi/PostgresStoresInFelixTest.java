package dev.hydra.it.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.postgres.TemporaryPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The PostgreSQL stores in Felix, chosen by configuration: hydra-postgres (Flyway embedded), pgjdbc and HikariCP
 * in the bundle set of {@code hydra osgi}; Configuration Admin's {@code dev.hydra.store.postgres} against a
 * throwaway server opens them, the pipeline configured with {@code store=postgres} personalizes from them, and
 * deleting the configuration withdraws them. A bad URL is reported naming the PID and the property.
 */
class PostgresStoresInFelixTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    private static final String PID = "dev.hydra.store.postgres";
    private static final String COMPONENT = "dev.hydra.postgres.internal.PostgresStoresComponent";
    private static final String POSTGRES_STORE = "(hydra.plugin.name=postgres)";
    private static final List<String> STORE_SERVICES = List.of("dev.hydra.api.spi.HistoryStore",
            "dev.hydra.api.spi.HeadStore", "dev.hydra.core.llm.ResponseCache");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void should_offer_the_postgres_stores_to_the_pipeline_by_configuration_and_withdraw_them_when_it_is_deleted()
            throws Exception {
        try (OsgiRuntime osgi = OsgiRuntime.start(BundleSet.locate(), work.resolve("felix-cache"))) {
            // given every bundle active, and no PostgreSQL store before its configuration
            assertEquals(List.of(), osgi.notActive());
            Bundle postgres = osgi.bundle("hydra-postgres");
            assertEquals(List.of(), storesOf(osgi, postgres));

            // when the stores are configured, and the pipeline names them (with BM25 over any store: "bm25" is
            // the Lucene index's own)
            osgi.configure(PID, Map.of("url", POSTGRES.jdbcUrl(), "schema", "felix_stores", "poolSize", 3));
            List<ServiceReference<?>> stores = new ArrayList<>();
            for (String service : STORE_SERVICES) {
                stores.add(osgi.awaitReference(service, POSTGRES_STORE, WAIT));
            }
            osgi.configure("dev.hydra.testkit.scripted", Map.of("answer", "Tubeless, always"));
            osgi.configure("dev.hydra.pipeline", Map.of("retriever", "bm25-okapi", "store", "postgres", "backend",
                    "scripted", "task", "chat", "m", 5, "k", 2, "n", 2));
            HydraCalls hydra = new HydraCalls(osgi.bundle("hydra-api"),
                    OsgiCheck.reconfigured(osgi, "store", "postgres"));
            Object history = osgi.framework().getBundleContext().getService(stores.get(0));
            hydra.ingest(history, List.of(
                    new String[] {"ana", "1", "Which tyres for gravel riding?", "Tubeless tyres, 40 mm"},
                    new String[] {"ana", "2", "Best soup for winter evenings", "Lentil soup with cumin"},
                    new String[] {"ana", "3", "How to fix a puncture on tubeless tyres", "Plug it, then sealant"},
                    new String[] {"ben", "1", "Which tyres for gravel riding?", "Whatever came with the bike"}));
            HydraCalls.Answer answer = hydra.personalize("ana", "Which tyres should I buy for gravel?", null);

            // then the three services come from hydra-postgres, over the configured schema
            for (ServiceReference<?> store : stores) {
                assertEquals(postgres, store.getBundle(), store.toString());
                assertTrue(String.valueOf(store.getProperty("hydra.store.location")).endsWith("schema felix_stores"),
                        String.valueOf(store.getProperty("hydra.store.location")));
            }
            // the items ingested through the service are rows of the database, and the pipeline retrieved them
            assertEquals(List.of("ana/1", "ana/2", "ana/3", "ben/1"), rows("felix_stores"));
            assertEquals("Tubeless, always", answer.text());
            assertEquals(2, answer.used(), answer.toString());
            assertTrue(answer.usedIds().stream().allMatch(id -> id.startsWith("ana/")), answer.toString());
            assertTrue(answer.degradations().isEmpty(), answer.toString());

            // when the configuration is deleted
            osgi.deleteConfiguration(PID);

            // then the services are withdrawn, and a pipeline still naming them fails with the stores still known
            awaitNoStores(osgi, postgres);
            String failure = failureOf(() -> hydra.personalize("ana", "Which tyres should I buy for gravel?", null));
            assertTrue(failure.startsWith("UnknownPluginException") && failure.contains("postgres"), failure);

            // and the container switches to the Lucene store by configuration alone
            osgi.configure("dev.hydra.history.lucene", Map.of("path", work.resolve("lucene").toString()));
            osgi.awaitReference("dev.hydra.api.spi.HistoryStore", "(hydra.plugin.name=lucene)", WAIT);
            osgi.configure("dev.hydra.pipeline", Map.of("retriever", "bm25", "store", "lucene", "backend",
                    "scripted", "task", "chat", "m", 5, "k", 2, "n", 2));
            HydraCalls lucene = new HydraCalls(osgi.bundle("hydra-api"),
                    OsgiCheck.reconfigured(osgi, "store", "lucene"));
            HydraCalls.Answer fromLucene = lucene.personalize("ana", "Which tyres should I buy for gravel?", null);
            assertEquals("Tubeless, always", fromLucene.text());
            assertEquals(0, fromLucene.used(), "the Lucene history is empty: " + fromLucene);
        }
    }

    @Test
    void should_report_a_bad_url_naming_the_pid_and_the_property_and_offer_no_store() {
        try (OsgiRuntime osgi = OsgiRuntime.start(BundleSet.locate(), work.resolve("felix-cache"))) {
            // given a reachable server, but a database it does not have
            String url = POSTGRES.jdbcUrl().replace("/postgres?", "/no_such_database?");

            // when
            osgi.configure(PID, Map.of("url", url, "schema", "felix_bad"));

            // then Service Component Runtime reports the failed activation with the component's message (which
            // the component also logs), and no store is offered
            String state = awaitFailure(osgi);
            assertTrue(state.contains("configuration dev.hydra.store.postgres, property url: no PostgreSQL stores"),
                    state);
            assertTrue(state.contains("no_such_database"), state);
            assertEquals(List.of(), storesOf(osgi, osgi.bundle("hydra-postgres")));

            // when the URL is not PostgreSQL's at all
            osgi.configure(PID, Map.of("url", "jdbc:mysql://127.0.0.1/app", "schema", "felix_bad"));

            // then the same: the PID, the property, and the form it must take
            String again = awaitFailure(osgi, "jdbc:mysql");
            assertTrue(again.contains("property url") && again.contains("jdbc:postgresql://host:port/database"),
                    again);
            assertEquals(List.of(), storesOf(osgi, osgi.bundle("hydra-postgres")));
        }
    }

    /** The store services that a bundle registered, as "type" strings. */
    private static List<String> storesOf(OsgiRuntime osgi, Bundle bundle) {
        List<String> found = new ArrayList<>();
        for (String service : STORE_SERVICES) {
            ServiceReference<?>[] refs = osgi.references(service, null);
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    if (bundle.equals(ref.getBundle())) {
                        found.add(service);
                    }
                }
            }
        }
        return found;
    }

    private static void awaitNoStores(OsgiRuntime osgi, Bundle bundle) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!storesOf(osgi, bundle).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "still registered after " + WAIT + ": " + storesOf(osgi, bundle));
            OsgiRuntime.sleep(20);
        }
    }

    private static String awaitFailure(OsgiRuntime osgi) {
        return awaitFailure(osgi, "");
    }

    /** Waits until the component's configuration failed to activate with a message holding a text. */
    private static String awaitFailure(OsgiRuntime osgi, String text) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<String> states = osgi.componentStates(COMPONENT);
            for (String state : states) {
                if (state.startsWith("FAILED_ACTIVATION") && state.contains(text)) {
                    return state;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no failed activation after " + WAIT + ": " + states);
            OsgiRuntime.sleep(20);
        }
    }

    private static String failureOf(Runnable call) {
        try {
            call.run();
            return "no failure";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The "user/item" of every history row of a schema, read with plain JDBC on the host's class path. */
    private static List<String> rows(String schema) throws SQLException {
        List<String> ids = new ArrayList<>();
        // the driver itself, not DriverManager: the pgjdbc bundle in Felix registered its own Driver there first,
        // and DriverManager hands a caller only drivers of its class loader
        try (Connection c = new org.postgresql.Driver().connect(POSTGRES.jdbcUrl(), new Properties());
                PreparedStatement s = c.prepareStatement("SELECT user_id || '/' || item_id FROM " + schema
                        + ".hydra_history_item ORDER BY user_id, item_id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }
}
