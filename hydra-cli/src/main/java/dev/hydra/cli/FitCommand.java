package dev.hydra.cli;

import dev.hydra.api.UserId;
import dev.hydra.app.ConsoleProgress;
import dev.hydra.app.ModelTraining;
import dev.hydra.app.Pipelines;
import dev.hydra.app.Workspace;
import dev.hydra.core.training.HydraModel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra fit}: fits a user's heads with the bases frozen, from that user's own history. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fits fresh reranker and adapter heads for users outside training, from their own "
                + "histories in the store (pseudo-queries), with the shared bases frozen."})
final class FitCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, split = ",", description = "The user id(s).")
    private List<String> users;

    @Option(names = "--model", defaultValue = "default", description = "The model's name (default: ${DEFAULT-VALUE}).")
    private String model;

    @Mixin
    private LlmOptions options;

    @Mixin
    private StoreOptions stores;

    @Override
    public Integer call() {
        List<UserId> ids = users.stream().map(UserId::of).toList();
        try (Workspace ws = stores.workspace(options)) {
            for (UserId id : ids) {
                if (ws.store().count(id) == 0) {
                    throw new IllegalArgumentException("user " + id + " has no history in " + ws.storeLocation()
                            + "; ingest it first with `hydra ingest`");
                }
            }
            HydraModel trained = ModelTraining.load(ws, model);
            new ModelTraining(ws, Pipelines.task(trained.task()), trained.config(), new ConsoleProgress(System.err))
                    .fit(trained, ids);
            System.out.printf(Locale.ROOT, "fitted heads for %s in model %s (%d LLM calls)%n", ids, model,
                    ws.backend().delegateCalls());
        }
        return 0;
    }
}
