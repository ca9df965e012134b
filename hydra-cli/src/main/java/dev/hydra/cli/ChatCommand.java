package dev.hydra.cli;

import dev.hydra.api.Query;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.app.ModelTraining;
import dev.hydra.app.Pipelines;
import dev.hydra.app.Workspace;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.pipeline.ScoredAnswer;
import dev.hydra.core.pipeline.UsedItem;
import dev.hydra.core.training.HydraModel;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hydra chat}: answers one message for a user, with the evidence. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Answers a message for a user: retrieves from their history, reranks, samples and lets the "
                + "adapter choose (with a trained model), and prints the answer with its evidence."})
final class ChatCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, description = "The user id.")
    private String user;

    @Option(names = "--model", defaultValue = "default",
            description = "The trained model (default: ${DEFAULT-VALUE}); without one, plain RAG answers.")
    private String model;

    @Option(names = "--task", description = "The task (default: the model's, else chat).")
    private String task;

    @Option(names = {"-k"}, defaultValue = "4", description = "Demonstrations (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = {"-n"}, defaultValue = "8", description = "Samples (default: ${DEFAULT-VALUE}).")
    private int n;

    @Parameters(arity = "1", paramLabel = "MESSAGE", description = "The message.")
    private String message;

    @Mixin
    private LlmOptions options;

    @Mixin
    private StoreOptions stores;

    @Override
    public Integer call() {
        UserId id = UserId.of(user);
        try (Workspace ws = stores.workspace(options)) {
            Optional<HydraModel> trained = Optional.empty();
            if (Files.exists(ws.modelDir(model).resolve("manifest.json"))) {
                trained = Optional.of(ModelTraining.load(ws, model));
            }
            TaskSpec spec = Pipelines.task(task != null ? task : trained.map(HydraModel::task).orElse("chat"));
            HydraConfig config = HydraConfig.DEFAULTS.withRetrieval(Math.max(10, k), k)
                    .withSampling(trained.isPresent() ? n : 1, trained.isPresent() ? 1.0 : 0.0);
            HydraResult r = Pipelines.pipeline(ws, spec, trained, config)
                    .personalize(new Query(id, message, spec.name()));
            print(r, trained.isPresent());
        }
        return 0;
    }

    private static void print(HydraResult r, boolean personalized) {
        System.out.println(r.answer().strip());
        System.out.println();
        System.out.println(personalized ? "evidence (HYDRA):" : "evidence (plain RAG: no trained model):");
        for (UsedItem u : r.usedItems()) {
            System.out.printf(Locale.ROOT, "  item %-24s retrieval %.3f%s  %s -> %s%n", u.item().id(),
                    u.retrievalScore(),
                    u.rerankScore().isPresent()
                            ? String.format(Locale.ROOT, " rerank %.3f", u.rerankScore().getAsDouble()) : "",
                    cut(u.item().input()), cut(u.item().output()));
        }
        for (ScoredAnswer a : r.answers()) {
            System.out.printf(Locale.ROOT, "  %s sample %d%s: %s%n", a.chosen() ? "*" : " ",
                    a.candidate().sampleIndex(),
                    a.score().isPresent() ? String.format(Locale.ROOT, " (%.3f)", a.score().getAsDouble()) : "",
                    cut(a.candidate().text()));
        }
        System.out.printf(Locale.ROOT, "  tokens %d in, %d out; %s%n", r.usage().inputTokens(),
                r.usage().outputTokens(), r.timings());
        r.degradations().forEach(d -> System.out.println("  degraded: " + d));
    }

    private static String cut(String s) {
        String one = s.strip().replace('\n', ' ');
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
