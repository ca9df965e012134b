package dev.hydra.cli;

import dev.hydra.app.ConsoleProgress;
import dev.hydra.app.DemoRun;
import dev.hydra.app.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hydra demo}: the main job on the embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Sets up the local model, trains HYDRA with small settings on a bundled sample of users, and "
                + "shows each demo user's plain, RAG and Hydra answers with the items Hydra used, then the "
                + "accuracy of each. A rerun is served from the response cache."})
final class DemoCommand implements Runnable {

    @Mixin
    private LlmOptions llm;

    @Override
    public void run() {
        try (Workspace ws = new Workspace(llm.hydraHome(), llm.hydraHome().resolve("demo"), llm.llm())) {
            new DemoRun(ws, System.out, new ConsoleProgress(System.err)).run();
        }
    }
}
