package dev.hydra.it.osgi;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An embedded Apache Felix running a {@link BundleSet}: SPI Fly installed as a framework extension between
 * {@code init()} and {@code start()} (slf4j 2 needs its service loader mediator), then every bundle installed and
 * every non-fragment started.
 *
 * <p>The framework's threads are created under an isolated context class loader (platform classes only), so that
 * a library inside that reads the thread context class loader (slf4j, Jackson) never finds the host's class
 * path, and Felix's implicit boot delegation is off, so that {@link java.util.ServiceLoader} inside a bundle never
 * reads the host's {@code META-INF/services}. {@code sun.misc} is added to the system packages, for Lucene's optional unmapping of index files.
 */
public final class OsgiRuntime implements AutoCloseable {

    private static final ClassLoader ISOLATED = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());

    private final Framework framework;
    private final List<Bundle> bundles;

    private OsgiRuntime(Framework framework, List<Bundle> bundles) {
        this.framework = framework;
        this.bundles = List.copyOf(bundles);
    }

    /**
     * Starts a framework with a bundle set.
     *
     * @param set the jars
     * @param storage the framework's cache directory; cleaned first
     * @return the running framework; every bundle is started (some may have failed to resolve: see
     *     {@link #bundles()})
     * @throws IllegalStateException when the framework cannot start
     */
    public static OsgiRuntime start(BundleSet set, Path storage) {
        return Reflect.withTccl(ISOLATED, () -> {
            Framework fw = ServiceLoader.load(FrameworkFactory.class, OsgiRuntime.class.getClassLoader())
                    .findFirst().orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                    .newFramework(Map.of(
                            Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString(),
                            Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                            Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "sun.misc",
                            // Felix otherwise hands resource lookups made by JDK code (ServiceLoader) to the host's
                            // class path, where slf4j inside found the host's provider ("not a subtype")
                            "felix.bootdelegation.implicit", "false"));
            fw.init();
            BundleContext ctx = fw.getBundleContext();
            for (Path extension : set.extensions()) {
                ctx.installBundle(extension.toUri().toString());
            }
            fw.start();
            List<Bundle> installed = new ArrayList<>();
            for (Path jar : set.bundles()) {
                installed.add(ctx.installBundle(jar.toUri().toString()));
            }
            for (Bundle b : installed) {
                startQuietly(b);
            }
            return new OsgiRuntime(fw, installed);
        });
    }

    private static void startQuietly(Bundle bundle) {
        if (isFragment(bundle)) {
            return;
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            System.getLogger(OsgiRuntime.class.getName()).log(System.Logger.Level.WARNING,
                    "bundle " + bundle.getSymbolicName() + " did not start: " + e.getMessage());
        }
    }

    /**
     * Whether a bundle is a fragment (which resolves but never becomes active).
     *
     * @param bundle the bundle
     * @return true for a fragment
     */
    public static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    /**
     * The bundles of the set, in install order.
     *
     * @return the bundles
     */
    public List<Bundle> bundles() {
        return bundles;
    }

    /**
     * The bundles that are not where they should be: a non-fragment not ACTIVE, or a fragment not RESOLVED.
     *
     * @return "symbolic-name: state" for each, empty when all are fine
     */
    public List<String> notActive() {
        List<String> out = new ArrayList<>();
        for (Bundle b : bundles) {
            int wanted = isFragment(b) ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != wanted) {
                out.add(b.getSymbolicName() + ": state " + b.getState());
            }
        }
        return out;
    }

    /**
     * Finds an installed bundle.
     *
     * @param symbolicName its symbolic name
     * @return the bundle
     * @throws IllegalArgumentException when none has that name
     */
    public Bundle bundle(String symbolicName) {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalArgumentException("no bundle " + symbolicName);
    }

    /**
     * Installs and starts a bundle while the framework runs.
     *
     * @param jar the bundle's jar
     * @return the started bundle
     * @throws BundleException when it cannot be installed or started
     */
    public Bundle install(Path jar) throws BundleException {
        Bundle bundle = Reflect.withTccl(ISOLATED,
                () -> framework.getBundleContext().installBundle(jar.toUri().toString()));
        Reflect.withTccl(ISOLATED, () -> {
            bundle.start();
            return null;
        });
        return bundle;
    }

    /**
     * Waits for a service to be registered (Declarative Services activates components asynchronously).
     *
     * @param type the service's class name
     * @param filter an LDAP filter on its properties, or {@code null}
     * @param timeout how long to wait
     * @return the service's reference
     * @throws IllegalStateException when it does not come in time
     */
    public ServiceReference<?> awaitReference(String type, String filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ServiceReference<?>[] refs = references(type, filter);
            if (refs != null && refs.length > 0) {
                return refs[0];
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no service " + type + (filter == null ? "" : " " + filter)
                        + " after " + timeout.toMillis() + " ms; bundles not active: " + notActive());
            }
            sleep(20);
        }
    }

    /**
     * Looks up services.
     *
     * @param type the service's class name
     * @param filter an LDAP filter on its properties, or {@code null}
     * @return the references, or {@code null} when there is none
     */
    public ServiceReference<?>[] references(String type, String filter) {
        try {
            return framework.getBundleContext().getAllServiceReferences(type, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Gets a service object, waiting for it as {@link #awaitReference} does. A service unregistered between the
     * lookup and the get (a component that Configuration Admin is reconfiguring goes away and comes back) is looked
     * up again, within the same timeout.
     *
     * @param type the service's class name
     * @param filter an LDAP filter, or {@code null}
     * @param timeout how long to wait
     * @return the service object
     * @throws IllegalStateException when no service stays registered long enough to be got within the timeout
     */
    public Object awaitService(String type, String filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ServiceReference<?> ref = awaitReference(type, filter,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            Object service = framework.getBundleContext().getService(ref);
            if (service != null) {
                return service;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("service " + type + (filter == null ? "" : " " + filter)
                        + " went away each time it was found, for " + timeout.toMillis() + " ms");
            }
            sleep(20);
        }
    }

    /**
     * Sets the properties of a configuration in Configuration Admin (creating it), which DS hands to the
     * components of that PID.
     *
     * @param pid the configuration PID
     * @param properties the properties
     */
    public void configure(String pid, Map<String, Object> properties) {
        Object admin = awaitService("org.osgi.service.cm.ConfigurationAdmin", null, Duration.ofSeconds(10));
        Object configuration = Reflect.call(admin, "getConfiguration", pid, "?");
        Dictionary<String, Object> dict = new Hashtable<>(properties);
        Reflect.call(configuration, "update", dict);
    }

    /**
     * Deletes a configuration from Configuration Admin, which makes DS deactivate the components of that PID
     * that require one (and withdraw their services).
     *
     * @param pid the configuration PID
     */
    public void deleteConfiguration(String pid) {
        Object admin = awaitService("org.osgi.service.cm.ConfigurationAdmin", null, Duration.ofSeconds(10));
        Reflect.call(Reflect.call(admin, "getConfiguration", pid, "?"), "delete");
    }

    /**
     * Creates or updates a configuration of a factory PID in Configuration Admin, which DS hands to a component
     * of its own for each name.
     *
     * @param factoryPid the factory PID
     * @param name the configuration's name within the factory
     * @param properties the properties
     */
    public void configureFactory(String factoryPid, String name, Map<String, Object> properties) {
        Object admin = awaitService("org.osgi.service.cm.ConfigurationAdmin", null, Duration.ofSeconds(10));
        Object configuration = Reflect.call(admin, "getFactoryConfiguration", factoryPid, name, "?");
        Reflect.call(configuration, "update", new Hashtable<>(properties));
    }

    /**
     * The states of a Declarative Services component's configurations, as Service Component Runtime reports
     * them.
     *
     * @param componentName the component's name (its class name unless set)
     * @return e.g. {@code [ACTIVE]}, or {@code [FAILED_ACTIVATION: the reason]}; empty when the component has no
     *     configuration (or is unknown)
     */
    public List<String> componentStates(String componentName) {
        Object scr = awaitService("org.osgi.service.component.runtime.ServiceComponentRuntime", null,
                Duration.ofSeconds(10));
        List<String> states = new ArrayList<>();
        for (Object description : (java.util.Collection<?>) Reflect.call(scr, "getComponentDescriptionDTOs",
                (Object) new Bundle[0])) {
            if (componentName.equals(field(description, "name"))) {
                for (Object c : (java.util.Collection<?>) Reflect.call(scr, "getComponentConfigurationDTOs",
                        description)) {
                    int state = (Integer) field(c, "state");
                    states.add(switch (state) {
                        case 1 -> "UNSATISFIED_CONFIGURATION";
                        case 2 -> "UNSATISFIED_REFERENCE";
                        case 4 -> "SATISFIED";
                        case 8 -> "ACTIVE";
                        case 16 -> "FAILED_ACTIVATION: " + field(c, "failure");
                        default -> "STATE_" + state;
                    });
                }
            }
        }
        return states;
    }

    private static Object field(Object dto, String name) {
        try {
            return dto.getClass().getField(name).get(dto);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no field " + name + " in " + dto.getClass().getName(), e);
        }
    }

    /**
     * The framework, for what this class does not wrap.
     *
     * @return the framework
     */
    public Framework framework() {
        return framework;
    }

    /** Stops the framework and waits up to 10 s for it. */
    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException e) {
            throw new IllegalStateException("cannot stop the framework: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
