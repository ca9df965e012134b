package dev.hydra.cli;

import dev.hydra.api.UserId;
import dev.hydra.app.Workspace;
import dev.hydra.core.erasure.UserErasure;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra forget}: erases a user: history (compacted away), heads and training rows, cached answers. */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = {"Erases a user: removes their history items and compacts the index so that no file holds "
                + "them, deletes their heads and training rows in every model, and the cached LLM answers whose "
                + "prompts held their history."})
final class ForgetCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, description = "The user id.")
    private String user;

    @Mixin
    private LlmOptions options;

    @Mixin
    private StoreOptions stores;

    @Override
    public Integer call() throws IOException {
        UserId id = UserId.of(user);
        try (Workspace ws = stores.workspace(options)) {
            UserErasure.Report erased = ws.forget(id);
            System.out.printf(Locale.ROOT,
                    "forgot %s: %d history items, %d heads, %d training rows, %d cached answers%n", id,
                    erased.items(), erased.heads(), erased.workRows(), erased.cacheFiles());
        }
        return 0;
    }
}
