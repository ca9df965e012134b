package dev.hydra.heads.internal;

import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.heads.HeadArchitectures;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * In OSGi, makes every {@link HeadArchitecture} service known to {@link HeadArchitectures} while it is registered,
 * so that a model whose heads are of a plugin's kind loads, trains and scores in this bundle, which keeps DJL
 * private. A plugin bundle registers its head as a Declarative Services component of service
 * {@code HeadArchitecture}; on a class path, {@code META-INF/services} does the same.
 */
@Component(immediate = true)
public final class HeadArchitectureWhiteboard {

    /** Creates the component (for Declarative Services). */
    public HeadArchitectureWhiteboard() {}

    /**
     * A head architecture service arrived.
     *
     * @param head the service
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHead(HeadArchitecture head) {
        HeadArchitectures.register(head);
    }

    /**
     * A head architecture service left.
     *
     * @param head the service
     */
    void removeHead(HeadArchitecture head) {
        HeadArchitectures.unregister(head);
    }
}
