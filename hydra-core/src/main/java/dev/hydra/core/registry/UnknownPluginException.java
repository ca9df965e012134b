package dev.hydra.core.registry;

import dev.hydra.api.HydraException;
import java.util.List;
import java.util.SortedSet;

/**
 * No plugin of the asked name is registered for an extension point; the message lists the names that are.
 *
 * @since 0.1
 */
public final class UnknownPluginException extends HydraException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> knownNames;

    UnknownPluginException(Class<?> point, String name, SortedSet<String> known) {
        super("unknown " + point.getSimpleName() + " \"" + name + "\"; known: " + known
                + ". Add the jar or bundle that provides it, or pick one of the known names.");
        this.name = name;
        this.knownNames = List.copyOf(known);
    }

    /**
     * The name that was asked for.
     *
     * @return the unknown name
     */
    public String name() {
        return name;
    }

    /**
     * The names registered for the extension point when the lookup failed.
     *
     * @return the known names, sorted
     */
    public List<String> knownNames() {
        return knownNames;
    }
}
