package dev.hydra.core.pipeline;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline a service answers with, switchable to a newer model version while requests run.
 *
 * <p>A request {@link #acquire() acquires} the served version once and answers entirely with it: a switch never
 * gives one request half of each version. {@link #switchTo} serves the new version to the requests that start
 * after it; the previous one stays usable by the requests that hold it, and its resources (e.g. the model's head
 * caches) are closed once the last of them ends.
 *
 * <pre>{@code
 * try (ServedPipeline.Lease lease = served.acquire()) {
 *     HydraResult r = lease.pipeline().personalize(user, turns);
 * }
 * served.switchTo("v000002", newPipeline, newModel);   // newModel closed when v000002 is retired in turn
 * }</pre>
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; acquiring takes no lock.
 *
 * @since 0.2
 */
public final class ServedPipeline implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServedPipeline.class.getName());

    /** Served once closed: no request can hold it. */
    private static final Version CLOSED = new Version();

    private final AtomicReference<Version> current;

    private ServedPipeline(Version first) {
        this.current = new AtomicReference<>(first);
    }

    /**
     * Serves a first version.
     *
     * @param version the version's name, e.g. a model directory's {@code v000001}; never blank
     * @param pipeline the pipeline; never {@code null}
     * @param resources closed when this version is retired and no request holds it; {@code null} for none
     * @return the served pipeline
     * @throws IllegalArgumentException when the name is blank
     */
    public static ServedPipeline of(String version, Hydra pipeline, AutoCloseable resources) {
        return new ServedPipeline(new Version(version, pipeline, resources));
    }

    /**
     * Takes the served version for one request; close the lease when the request ends.
     *
     * @return the lease
     * @throws IllegalStateException when this served pipeline is closed
     */
    public Lease acquire() {
        while (true) {
            Version v = current.get();
            if (v.retain()) {
                return new Lease(v);
            }
            if (v == current.get()) {
                throw new IllegalStateException("the served pipeline is closed: build the decorator again");
            }
        }
    }

    /**
     * Serves a new version to the requests that start from now on; the previous version is retired once the
     * requests holding it end.
     *
     * @param version the new version's name; never blank
     * @param pipeline its pipeline; never {@code null}
     * @param resources closed when the new version is retired in turn and unused; {@code null} for none
     * @return the name of the version it replaced
     * @throws IllegalArgumentException when the name is blank
     * @throws IllegalStateException when this served pipeline is closed
     */
    public String switchTo(String version, Hydra pipeline, AutoCloseable resources) {
        Version next = new Version(version, pipeline, resources);
        while (true) {
            Version previous = current.get();
            if (previous == CLOSED) {
                throw new IllegalStateException("the served pipeline is closed: cannot switch to " + version);
            }
            if (current.compareAndSet(previous, next)) {
                previous.release();
                return previous.name;
            }
        }
    }

    /**
     * The name of the version new requests get.
     *
     * @return the name
     */
    public String version() {
        return current.get().name;
    }

    /**
     * The pipeline new requests get; for reading its settings, not for answering (use {@link #acquire}).
     *
     * @return the pipeline
     * @throws IllegalStateException when this served pipeline is closed
     */
    public Hydra pipeline() {
        Version v = current.get();
        if (v == CLOSED) {
            throw new IllegalStateException("the served pipeline is closed: build the decorator again");
        }
        return v.pipeline;
    }

    /**
     * Retires the served version: it is closed once the requests holding it end; later acquires and switches
     * fail. Idempotent.
     */
    @Override
    public void close() {
        Version served = current.getAndSet(CLOSED);
        if (served != CLOSED) {
            served.release();
        }
    }

    /** One request's hold on a version: the same pipeline for the whole request. */
    public static final class Lease implements AutoCloseable {

        private final Version version;
        private boolean released;

        private Lease(Version version) {
            this.version = version;
        }

        /**
         * The version's name, for the response's metadata.
         *
         * @return the name
         */
        public String version() {
            return version.name;
        }

        /**
         * The version's pipeline.
         *
         * @return the pipeline
         */
        public Hydra pipeline() {
            return version.pipeline;
        }

        /** Ends the hold; the last hold on a retired version closes its resources. Idempotent. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                version.release();
            }
        }
    }

    /** A version with its holders counted: one for being served, one per request. */
    private static final class Version {

        private final String name;
        private final Hydra pipeline;
        private final AutoCloseable resources;
        private final AtomicInteger holders;

        private Version() {
            this.name = "closed";
            this.pipeline = null;
            this.resources = null;
            this.holders = new AtomicInteger(0);
        }

        Version(String name, Hydra pipeline, AutoCloseable resources) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("version name is blank: name each version, e.g. its directory's");
            }
            this.name = name;
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline must not be null");
            this.resources = resources;
            this.holders = new AtomicInteger(1);
        }

        boolean retain() {
            while (true) {
                int n = holders.get();
                if (n == 0) {
                    return false;
                }
                if (holders.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            int left = holders.decrementAndGet();
            if (left == 0 && resources != null) {
                try {
                    resources.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "closing retired version " + name + " failed", e);
                }
            } else if (left < 0) {
                holders.incrementAndGet();
                throw new IllegalStateException("version " + name + " released more often than held");
            }
        }
    }
}
