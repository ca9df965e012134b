package dev.hydra.core.registry;

import dev.hydra.api.spi.Adapter;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Plugin;
import dev.hydra.api.spi.Reranker;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.api.spi.TextEncoder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Finds plugins by extension point and name.
 *
 * <p>Plugins arrive by {@link #register} (by hand, or from an OSGi whiteboard as services come) and leave by
 * {@link #unregister}; {@link #fromServiceLoader(ClassLoader)} registers everything that
 * {@link ServiceLoader} finds through an explicit class loader. A lookup of an unknown name fails with the
 * names that are known. The registry is safe for concurrent use, and a lookup always sees either the state
 * before or after a concurrent change.
 *
 * @since 0.1
 */
public final class PluginRegistry {

    /** The extension points that {@link #fromServiceLoader(ClassLoader)} looks for. */
    public static final List<Class<? extends Plugin>> DISCOVERABLE = List.of(
            RetrieverProvider.class, TextEncoder.class, Reranker.class, Adapter.class, LlmBackend.class,
            TaskSpec.class, HeadStore.class);

    private final ConcurrentMap<Class<?>, ConcurrentSkipListMap<String, Plugin>> plugins = new ConcurrentHashMap<>();

    /** Creates an empty registry. */
    public PluginRegistry() {}

    /**
     * Creates a registry with every plugin of the {@link #DISCOVERABLE} extension points that
     * {@code META-INF/services} lists, as seen by the given class loader.
     *
     * @param classLoader the loader to search; the thread's context class loader is never used
     * @return the registry
     * @throws IllegalStateException when a listed provider cannot be loaded, or two have the same name
     */
    public static PluginRegistry fromServiceLoader(ClassLoader classLoader) {
        Objects.requireNonNull(classLoader, "classLoader");
        PluginRegistry registry = new PluginRegistry();
        for (Class<? extends Plugin> point : DISCOVERABLE) {
            registry.loadAll(point, classLoader);
        }
        return registry;
    }

    private <T extends Plugin> void loadAll(Class<T> point, ClassLoader classLoader) {
        try {
            for (T plugin : ServiceLoader.load(point, classLoader)) {
                register(point, plugin);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load a " + point.getSimpleName()
                    + " listed in META-INF/services/" + point.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Registers a plugin under an extension point.
     *
     * @param point the extension point
     * @param plugin the plugin; its name must follow {@link Plugin#NAME_RULE}
     * @param <T> the extension point type
     * @return this registry
     * @throws IllegalArgumentException when the name is invalid, or another plugin of that point already has it
     */
    public <T extends Plugin> PluginRegistry register(Class<T> point, T plugin) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(plugin, "plugin");
        String name = Plugin.checkName(plugin.name());
        Plugin previous = byName(point).putIfAbsent(name, plugin);
        if (previous != null && previous != plugin) {
            throw new IllegalArgumentException("two " + point.getSimpleName() + " plugins are named \"" + name
                    + "\": " + previous.getClass().getName() + " and " + plugin.getClass().getName()
                    + ". Remove one of them or rename it.");
        }
        return this;
    }

    /**
     * Removes a plugin, if this very instance is registered under its name.
     *
     * @param point the extension point
     * @param plugin the plugin to remove
     * @param <T> the extension point type
     * @return whether it was registered
     */
    public <T extends Plugin> boolean unregister(Class<T> point, T plugin) {
        return byName(point).remove(plugin.name(), plugin);
    }

    /**
     * Looks a plugin up.
     *
     * @param point the extension point
     * @param name the plugin's name
     * @param <T> the extension point type
     * @return the plugin
     * @throws UnknownPluginException when none has that name; it lists the known names
     */
    public <T extends Plugin> T get(Class<T> point, String name) {
        return find(point, name).orElseThrow(() -> new UnknownPluginException(point, name, names(point)));
    }

    /**
     * Looks a plugin up, without failing.
     *
     * @param point the extension point
     * @param name the plugin's name
     * @param <T> the extension point type
     * @return the plugin, or empty
     */
    public <T extends Plugin> Optional<T> find(Class<T> point, String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(byName(point).get(name)).map(point::cast);
    }

    /**
     * The names registered for an extension point.
     *
     * @param point the extension point
     * @return the names, sorted; a snapshot
     */
    public SortedSet<String> names(Class<? extends Plugin> point) {
        return new TreeSet<>(byName(point).keySet());
    }

    /**
     * Everything registered, for diagnostics.
     *
     * @return extension point simple name to sorted plugin names
     */
    public Map<String, SortedSet<String>> snapshot() {
        Map<String, SortedSet<String>> out = new java.util.TreeMap<>();
        plugins.forEach((point, map) -> out.put(point.getSimpleName(), new TreeSet<>(map.keySet())));
        return out;
    }

    private ConcurrentSkipListMap<String, Plugin> byName(Class<?> point) {
        Objects.requireNonNull(point, "point");
        return plugins.computeIfAbsent(point, p -> new ConcurrentSkipListMap<>());
    }
}
