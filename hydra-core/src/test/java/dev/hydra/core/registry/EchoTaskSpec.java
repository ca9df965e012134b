package dev.hydra.core.registry;

import dev.hydra.api.spi.OutputKind;
import dev.hydra.api.spi.TaskSpec;
import java.util.List;
import java.util.Optional;

/** A task found through META-INF/services in the registry's tests. */
public final class EchoTaskSpec implements TaskSpec {

    private final String name;

    /** The ServiceLoader constructor. */
    public EchoTaskSpec() {
        this("echo");
    }

    EchoTaskSpec(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OutputKind outputKind() {
        return OutputKind.GENERATION;
    }

    @Override
    public List<String> labels() {
        return List.of();
    }

    @Override
    public String formatQuery(String text) {
        return text;
    }

    @Override
    public Optional<String> parse(String answer) {
        return Optional.of(answer.strip());
    }
}
