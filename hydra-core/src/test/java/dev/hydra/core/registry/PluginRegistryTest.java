package dev.hydra.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.spi.TaskSpec;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

    @Test
    void should_find_plugins_listed_in_meta_inf_services_through_the_given_loader() {
        PluginRegistry registry = PluginRegistry.fromServiceLoader(getClass().getClassLoader());
        assertEquals("echo", registry.get(TaskSpec.class, "echo").name());
    }

    @Test
    void should_not_see_plugins_that_the_given_loader_cannot_see() throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            PluginRegistry registry = PluginRegistry.fromServiceLoader(bare);
            assertTrue(registry.names(TaskSpec.class).isEmpty());
        }
    }

    @Test
    void should_fail_on_an_unknown_name_with_the_known_names() {
        PluginRegistry registry = new PluginRegistry()
                .register(TaskSpec.class, new EchoTaskSpec("b"))
                .register(TaskSpec.class, new EchoTaskSpec("a"));
        UnknownPluginException e = assertThrows(UnknownPluginException.class,
                () -> registry.get(TaskSpec.class, "zzz"));
        assertEquals(List.of("a", "b"), e.knownNames());
        assertTrue(e.getMessage().contains("\"zzz\""), e.getMessage());
        assertTrue(e.getMessage().contains("[a, b]"), e.getMessage());
    }

    @Test
    void should_reject_a_second_plugin_with_the_same_name_and_an_invalid_name() {
        PluginRegistry registry = new PluginRegistry().register(TaskSpec.class, new EchoTaskSpec("a"));
        assertThrows(IllegalArgumentException.class, () -> registry.register(TaskSpec.class, new EchoTaskSpec("a")));
        assertThrows(IllegalArgumentException.class,
                () -> registry.register(TaskSpec.class, new EchoTaskSpec("Bad Name")));
    }

    @Test
    void should_drop_a_plugin_that_leaves_and_accept_one_that_arrives() {
        EchoTaskSpec first = new EchoTaskSpec("x");
        PluginRegistry registry = new PluginRegistry().register(TaskSpec.class, first);
        assertFalse(registry.unregister(TaskSpec.class, new EchoTaskSpec("x")), "only the same instance leaves");
        assertTrue(registry.unregister(TaskSpec.class, first));
        assertTrue(registry.find(TaskSpec.class, "x").isEmpty());
        EchoTaskSpec second = new EchoTaskSpec("x");
        registry.register(TaskSpec.class, second);
        assertSame(second, registry.get(TaskSpec.class, "x"));
    }

    @Test
    void should_stay_consistent_under_concurrent_register_and_lookup() throws Exception {
        PluginRegistry registry = new PluginRegistry();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        EchoTaskSpec spec = new EchoTaskSpec("t" + id + "-" + i);
                        registry.register(TaskSpec.class, spec);
                        assertSame(spec, registry.get(TaskSpec.class, spec.name()));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2000, registry.names(TaskSpec.class).size());
    }
}
