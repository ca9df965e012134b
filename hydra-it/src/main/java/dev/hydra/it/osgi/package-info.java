/**
 * Hydra as an OSGi application: an embedded Apache Felix with Declarative Services, Configuration Admin and
 * SPI Fly running the Hydra bundles ({@link dev.hydra.it.osgi.OsgiRuntime}), the bundle set the build
 * copies to {@code hydra-it/target/bundles} ({@link dev.hydra.it.osgi.BundleSet}), and the end-to-end
 * check behind {@code hydra osgi check} ({@link dev.hydra.it.osgi.OsgiCheck}).
 *
 * <p><b>Class loaders.</b> The host does not share Hydra's classes with the bundles (no
 * {@code org.osgi.framework.system.packages.extra} for them): every Hydra module runs as the bundle it is, and
 * the host calls services reflectively ({@link dev.hydra.it.osgi.Reflect}), with the thread context class
 * loader set to the service's bundle so that nothing inside leaks onto the host's class path.
 */
package dev.hydra.it.osgi;
