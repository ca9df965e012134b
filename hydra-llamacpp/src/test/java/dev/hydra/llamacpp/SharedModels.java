package dev.hydra.llamacpp;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The optional test model of the shared folder beside the project ({@code ../shared/models}, found through the
 * system property {@code hydra.shared} that surefire sets): a test that uses it is skipped where it is absent, as on
 * a fresh clone. Tests that need a model use {@link TinyLlama}, which the tests write themselves.
 */
final class SharedModels {

    private SharedModels() {}

    /** The greedy continuation of "Once upon a time" that ../shared/models/README.md gives. */
    static final String STORIES_GREEDY = ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball.";

    /** The part of {@link #STORIES_GREEDY} that every run reproduces. */
    static final String STORIES_FIRST_SENTENCE = ", there was a little girl named Lily.";

    /**
     * Karpathy's stories260K, when the shared folder holds it; else the calling test is skipped.
     *
     * @return the model file
     */
    static Path stories260kOrSkip() {
        Path file = Path.of(System.getProperty("hydra.shared", "../../shared"), "models", "stories260K.gguf");
        Assumptions.assumeTrue(Files.isRegularFile(file), "skipped: no " + file.toAbsolutePath()
                + " (the shared folder's reference model, optional: it checks llama.cpp against llama.cpp's own"
                + " greedy text of a real model)");
        return file;
    }
}
