package dev.hydra.heads;

import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.api.spi.Plugin;
import dev.hydra.heads.internal.MlpHead;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The head architectures this JVM knows, by name: the built-in {@code "hydra"} and {@code "lowrank"}, every
 * {@link HeadArchitecture} that {@link ServiceLoader} finds through this module's class loader on first use (a
 * plain class path), and those {@linkplain #register registered} by hand or, in OSGi, by this bundle's
 * whiteboard as {@code HeadArchitecture} services come and go.
 *
 * <p>Safe for concurrent use.
 *
 * @since 0.2
 */
public final class HeadArchitectures {

    private static final ConcurrentSkipListMap<String, HeadArchitecture> KNOWN = new ConcurrentSkipListMap<>();
    private static volatile boolean discovered;

    static {
        KNOWN.put(MlpHead.HYDRA, MlpHead.hydra());
        KNOWN.put(MlpHead.LOWRANK, MlpHead.lowrank(ScorerConfig.DEFAULT_RANK));
    }

    private HeadArchitectures() {}

    /**
     * Registers an architecture (an OSGi service, or one made by hand, e.g. in a test).
     *
     * @param head the architecture; its name follows {@link Plugin#NAME_RULE}
     * @throws IllegalArgumentException when the name is invalid or taken by another architecture
     */
    public static void register(HeadArchitecture head) {
        Objects.requireNonNull(head, "head must not be null");
        String name = Plugin.checkName(head.name());
        HeadArchitecture previous = KNOWN.putIfAbsent(name, head);
        if (previous != null && previous != head && !previous.equals(head)) {
            throw new IllegalArgumentException("two head architectures are named \"" + name + "\": "
                    + previous.getClass().getName() + " and " + head.getClass().getName()
                    + ". Remove one of them or rename it.");
        }
    }

    /**
     * Removes an architecture, if this very instance is registered; the built-ins stay.
     *
     * @param head the architecture
     * @return whether it was registered
     */
    public static boolean unregister(HeadArchitecture head) {
        return !(head instanceof MlpHead) && KNOWN.remove(head.name(), head);
    }

    /**
     * Looks an architecture up by name.
     *
     * @param name the name, e.g. {@code "lowrank"}
     * @return the architecture
     * @throws IllegalArgumentException when none has that name; the message lists the known names and says to
     *     install the plugin that provides it
     */
    public static HeadArchitecture get(String name) {
        Objects.requireNonNull(name, "head kind must not be null");
        discover();
        HeadArchitecture head = KNOWN.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (head == null) {
            throw new IllegalArgumentException("unknown head kind \"" + name + "\": known are " + String.join(", ",
                    names()) + ". Install the plugin that provides it (a " + HeadArchitecture.class.getName()
                    + " named \"" + name + "\") on the class path or in the OSGi framework");
        }
        return head;
    }

    /**
     * Looks an architecture up by name, with the built-in low-rank head of the given rank.
     *
     * @param name the name
     * @param rank the rank of a {@code "lowrank"} head (ignored by the others)
     * @return the architecture
     * @throws IllegalArgumentException when none has that name
     */
    static HeadArchitecture get(String name, int rank) {
        HeadArchitecture head = get(name);
        return head instanceof MlpHead && MlpHead.LOWRANK.equals(head.name()) ? MlpHead.lowrank(rank) : head;
    }

    /**
     * The names known now.
     *
     * @return the names, sorted; a snapshot
     */
    public static SortedSet<String> names() {
        discover();
        return new TreeSet<>(KNOWN.keySet());
    }

    private static void discover() {
        if (discovered) {
            return;
        }
        synchronized (HeadArchitectures.class) {
            if (discovered) {
                return;
            }
            try {
                for (HeadArchitecture head : ServiceLoader.load(HeadArchitecture.class,
                        HeadArchitectures.class.getClassLoader())) {
                    register(head);
                }
                discovered = true;
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("cannot load a HeadArchitecture listed in META-INF/services/"
                        + HeadArchitecture.class.getName() + ": " + e.getMessage(), e);
            }
        }
    }
}
