package dev.hydra.cli;

import dev.hydra.app.StoreSpec;
import dev.hydra.app.Workspace;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The option of every command that reads or writes users' state: {@code --store SPEC}, else the environment's
 * {@value StoreSpec#ENV}, else the Hydra home's own folders. Use it as a picocli {@code @Mixin} beside
 * {@link LlmOptions}.
 */
public final class StoreOptions {

    @Option(names = "--store", paramLabel = "SPEC", description = "Where users' histories, heads and cached answers "
            + "live: " + StoreSpec.FORMS + " (default: $" + StoreSpec.ENV + ", else HYDRA_HOME/history and the model "
            + "folders). A database is shared by every instance that names it.")
    private String store;

    /** The environment the default comes from. */
    private final Map<String, String> environment = System.getenv();

    /**
     * The store spec the option or the environment gives.
     *
     * @return the spec, or empty for the home's own folders
     * @throws IllegalArgumentException when the value is neither form; the message names it and the two forms
     */
    public Optional<StoreSpec> spec() {
        return StoreSpec.resolve(store, environment);
    }

    /**
     * Whether {@code --store} was given on the command line (not only in the environment).
     *
     * @return true when the option was given
     */
    public boolean given() {
        return store != null;
    }

    /**
     * Opens the workspace the options name, with users' state where the store spec says.
     *
     * @param llm the LLM options (home, LLM, {@code --demo})
     * @return the workspace; close it
     * @throws IllegalArgumentException when {@code --store} and {@code --demo} are both given
     */
    public Workspace workspace(LlmOptions llm) {
        if (llm.demo()) {
            if (given()) {
                throw new IllegalArgumentException("--demo uses the demo's own folders (HYDRA_HOME/demo): drop "
                        + "--store " + spec().orElseThrow() + ", or drop --demo");
            }
            return llm.workspace();
        }
        return new Workspace(llm.hydraHome(), llm.hydraHome(), llm.llm(), spec());
    }
}
