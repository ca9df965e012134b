/**
 * Plugin discovery: a {@link dev.hydra.core.registry.PluginRegistry} finds a plugin by its extension point
 * and its name.
 *
 * <p>On a plain class path, {@link dev.hydra.core.registry.PluginRegistry#fromServiceLoader(ClassLoader)}
 * loads every provider listed in {@code META-INF/services} through the class loader it is given (never the
 * thread's context class loader). In OSGi, Declarative Services components call
 * {@link dev.hydra.core.registry.PluginRegistry#register} and
 * {@link dev.hydra.core.registry.PluginRegistry#unregister} as they come and go. Both feed one registry.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.hydra.core.registry;
