package dev.hydra.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.llm.CacheKey;
import dev.hydra.core.llm.ResponseCache;
import dev.hydra.postgres.TemporaryPostgres;
import java.util.Dictionary;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The OSGi component opens the configured database and offers both stores over it, until deactivated. */
class PostgresStoresComponentTest {

    @RegisterExtension
    static final TemporaryPostgres POSTGRES = new TemporaryPostgres();

    private static PostgresStoresComponent.Config config(String url) {
        PostgresStoresComponent.Config config = mock(PostgresStoresComponent.Config.class);
        when(config.url()).thenReturn(url);
        when(config.schema()).thenReturn("component_test");
        when(config.poolSize()).thenReturn(3);
        return config;
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_register_working_stores_and_close_them_when_deactivated() {
        // given
        BundleContext context = mock(BundleContext.class);
        ServiceRegistration<HistoryStore> historyRegistration = mock(ServiceRegistration.class);
        ServiceRegistration<HeadStore> headRegistration = mock(ServiceRegistration.class);
        when(context.registerService(eq(HistoryStore.class), any(HistoryStore.class), any(Dictionary.class)))
                .thenReturn(historyRegistration);
        when(context.registerService(eq(HeadStore.class), any(HeadStore.class), any(Dictionary.class)))
                .thenReturn(headRegistration);
        ServiceRegistration<ResponseCache> cacheRegistration = mock(ServiceRegistration.class);
        when(context.registerService(eq(ResponseCache.class), any(ResponseCache.class), any(Dictionary.class)))
                .thenReturn(cacheRegistration);
        ArgumentCaptor<ResponseCache> cache = ArgumentCaptor.forClass(ResponseCache.class);
        CacheKey key = CacheKey.of("fake", "m", Prompt.ofUser("tag this"), new Sampling(1, 0, 4, 1), 0);
        PostgresStoresComponent component = new PostgresStoresComponent();
        ArgumentCaptor<HistoryStore> history = ArgumentCaptor.forClass(HistoryStore.class);
        ArgumentCaptor<HeadStore> heads = ArgumentCaptor.forClass(HeadStore.class);
        ArgumentCaptor<Dictionary<String, Object>> props = ArgumentCaptor.forClass(Dictionary.class);
        UserId alice = UserId.of("alice");

        // when
        component.activate(context, config(POSTGRES.jdbcUrl()));
        verify(context).registerService(eq(HistoryStore.class), history.capture(), props.capture());
        verify(context).registerService(eq(HeadStore.class), heads.capture(), any(Dictionary.class));
        history.getValue().add(HistoryItem.of("1", alice, "in", "out"));
        heads.getValue().save(alice, HeadStore.RERANKER, new HeadParameters("k", new float[] {1}));
        verify(context).registerService(eq(ResponseCache.class), cache.capture(), any(Dictionary.class));
        cache.getValue().put(key, "comedy");

        // then
        assertEquals("postgres", props.getValue().get("hydra.plugin.name"));
        assertEquals(1, history.getValue().count(alice));
        assertEquals(Optional.of(new HeadParameters("k", new float[] {1})),
                heads.getValue().load(alice, HeadStore.RERANKER));
        assertEquals(Optional.of("comedy"), cache.getValue().get(key));
        component.deactivate();
        verify(historyRegistration).unregister();
        verify(headRegistration).unregister();
        verify(cacheRegistration).unregister();
        assertThrows(HydraException.class, () -> history.getValue().count(alice), "the pool is closed");
    }

    @Test
    void should_refuse_a_configuration_whose_url_is_not_postgres_naming_the_pid_and_the_property() {
        // given
        PostgresStoresComponent component = new PostgresStoresComponent();
        BundleContext context = mock(BundleContext.class);

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> component.activate(context, config("/var/lib/hydra/history")));

        // then
        assertTrue(e.getMessage().startsWith("configuration dev.hydra.store.postgres, property url: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("/var/lib/hydra/history")
                && e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
        verify(context, never()).registerService(eq(HistoryStore.class), any(HistoryStore.class),
                any(Dictionary.class));
    }

    @Test
    void should_name_the_schema_property_when_the_schema_breaks_its_rule() {
        // given
        PostgresStoresComponent.Config config = config(POSTGRES.jdbcUrl());
        when(config.schema()).thenReturn("Bad-Schema");

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PostgresStoresComponent().activate(mock(BundleContext.class), config));

        // then
        assertTrue(e.getMessage().startsWith("configuration dev.hydra.store.postgres, property schema: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("Bad-Schema"), e.getMessage());
    }

    @Test
    void should_name_the_url_and_close_nothing_twice_when_the_database_does_not_exist() {
        // given a reachable server but a database it does not have
        String url = POSTGRES.jdbcUrl().replace("/postgres?", "/no_such_database?");
        PostgresStoresComponent component = new PostgresStoresComponent();

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> component.activate(mock(BundleContext.class), config(url)));

        // then: the message names the PID, the property and the database; deactivating afterwards is harmless
        assertTrue(e.getMessage().startsWith("configuration dev.hydra.store.postgres, property url: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("no_such_database"), e.getMessage());
        component.deactivate();
    }
}
