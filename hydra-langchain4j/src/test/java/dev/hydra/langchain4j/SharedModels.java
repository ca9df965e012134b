package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test models, found through the system property {@code hydra.shared} that surefire sets. */
final class SharedModels {

    private SharedModels() {}

    /** The greedy continuation of "Once upon a time" that /work/shared/models/README.md gives. */
    static final String STORIES_GREEDY =
            ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball.";

    static Path stories260k() {
        String shared = System.getProperty("hydra.shared", "../../shared");
        Path file = Path.of(shared, "models", "stories260K.gguf");
        assertTrue(Files.isRegularFile(file), "missing test model " + file.toAbsolutePath()
                + ": run the tests through Maven (surefire sets -Dhydra.shared)");
        return file;
    }

    static LlamaCppChatModel.Builder storiesBuilder() {
        return LlamaCppChatModel.builder().modelPath(stories260k()).chatTemplate(false).contextSize(256).threads(1);
    }
}
