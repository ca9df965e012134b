package dev.hydra.cli;

import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.hydra.llamacpp.LlmSpec;
import dev.hydra.llamacpp.LocalModels;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to an LLM shares: {@code --llm} and {@code --hydra-home}. Use it as a
 * picocli {@code @Mixin}.
 */
public final class LlmOptions {

    @Option(names = "--llm", defaultValue = "smollm2", converter = SpecConverter.class, paramLabel = "LLM",
            description = "The black-box LLM: " + LlmSpec.FORMS + " (default: ${DEFAULT-VALUE}). "
                    + "openai: takes its key from OPENAI_API_KEY.")
    private LlmSpec llm;

    @Option(names = "--hydra-home", paramLabel = "DIR",
            description = "Where models, caches and state live (default: $HYDRA_HOME, else ~/.hydra).")
    private Path hydraHome;

    /**
     * The chosen LLM.
     *
     * @return the spec
     */
    public LlmSpec llm() {
        return llm;
    }

    @Option(names = "--demo", description = "Use the demo's history and models (HYDRA_HOME/demo, written by "
            + "`hydra demo`) instead of your own.")
    private boolean demo;

    /**
     * Whether {@code --demo} was given.
     *
     * @return true for the demo's state
     */
    public boolean demo() {
        return demo;
    }

    /**
     * Opens the workspace the options name: the Hydra home, or the demo's state in it.
     *
     * @return the workspace; close it
     */
    public dev.hydra.app.Workspace workspace() {
        return new dev.hydra.app.Workspace(hydraHome(), demo ? hydraHome().resolve("demo") : hydraHome(), llm);
    }

    /**
     * The Hydra home: {@code --hydra-home}, else {@code HYDRA_HOME}, else {@code ~/.hydra}.
     *
     * @return the folder
     */
    public Path hydraHome() {
        return hydraHome != null ? hydraHome : LocalModels.hydraHome();
    }

    /**
     * Opens the chosen LLM as a backend (fetching SmolLM2 when needed).
     *
     * @return the backend; close it
     */
    public LangChain4jLlmBackend open() {
        return llm.open(hydraHome());
    }

    /** Parses {@code --llm}; picocli reports the message of a bad value as a usage error. */
    static final class SpecConverter implements ITypeConverter<LlmSpec> {
        @Override
        public LlmSpec convert(String value) {
            return LlmSpec.parse(value);
        }
    }
}
