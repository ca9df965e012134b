package dev.hydra.core.task;

import dev.hydra.api.spi.OutputKind;
import dev.hydra.api.spi.TaskSpec;
import java.util.List;
import java.util.Optional;

/**
 * Free-form chat: a user's history items are their past (message, accepted answer) pairs, the query is the
 * new message, and no template wraps either.
 */
public final class ChatTask implements TaskSpec {

    /** The name of the chat task. */
    public static final String NAME = "chat";

    @Override
    public String name() {
        return NAME;
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
        String s = answer.strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
