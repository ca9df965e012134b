package dev.hydra.cli;

import dev.hydra.api.UserId;
import dev.hydra.app.Workspace;
import dev.hydra.core.erasure.UserErasure;
import dev.hydra.core.training.BaseRetraining;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--retrain", description = "Also retrain, from their cached training rows and with no LLM call, "
            + "the models whose shared bases were trained on a forgotten user's data; each becomes a new version "
            + "and the old one is removed.")
    private boolean retrain;

    @Mixin
    private LlmOptions options;

    @Mixin
    private StoreOptions stores;

    @Override
    public Integer call() throws IOException {
        UserId id = UserId.of(user);
        try (Workspace ws = stores.workspace(options)) {
            UserErasure.Report erased = ws.forget(id, retrain);
            System.out.printf(Locale.ROOT,
                    "forgot %s: %d history items, %d heads, %d training rows, %d cached answers%n", id,
                    erased.items(), erased.heads(), erased.workRows(), erased.cacheFiles());
            for (BaseRetraining.Result r : erased.retrained()) {
                System.out.printf(Locale.ROOT, "retrained %s from %d cached rows of %d users, 0 LLM calls%n", r.dir(),
                        r.rerankerPairs() + r.adapterPairs(), r.trainingUsers().size());
            }
            List<Path> holding = ws.modelsHoldingForgottenUsers();
            if (holding.isEmpty()) {
                System.out.println("no model holds a forgotten user's data");
            } else {
                System.out.printf(Locale.ROOT, "models whose bases still hold a forgotten user's data: %s; run "
                        + "`hydra forget --user ID --retrain` to retrain them%n", holding);
            }
        }
        return 0;
    }
}
