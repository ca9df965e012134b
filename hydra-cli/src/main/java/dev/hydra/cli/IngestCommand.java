package dev.hydra.cli;

import dev.hydra.app.Workspace;
import dev.hydra.core.data.HistoryIngest;
import dev.hydra.core.data.LampReader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hydra ingest}: adds users' histories to the store, from LaMP-format data or JSON Lines. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Adds users' histories to the history store (idempotent: re-ingesting replaces items with "
                + "the same user and id). Bad input fails with the file, record and field, and nothing is added."})
final class IngestCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--split", defaultValue = "train",
            description = "With --data: the split to read (default: ${DEFAULT-VALUE}).")
    private String split;

    @Mixin
    private LlmOptions options;

    @Mixin
    private StoreOptions stores;

    static final class Source {
        @Option(names = "--data", paramLabel = "TASK_DIR", required = true,
                description = "A task folder in LaMP format (<split>_questions.json and <split>_outputs.json): "
                        + "every question's profile is ingested, never its query.")
        Path data;

        @Option(names = "--jsonl", paramLabel = "FILE", required = true,
                description = "A JSON Lines file of history items: {\"user_id\", \"id\", \"input\", \"output\", ...}.")
        Path jsonl;
    }

    @Override
    public Integer call() {
        try (Workspace ws = stores.workspace(options)) {
            int n = source.data != null
                    ? HistoryIngest.ingest(ws.store(), LampReader.readSplit(source.data, split))
                    : HistoryIngest.ingest(ws.store(), source.jsonl);
            System.out.printf(Locale.ROOT, "ingested %d items; the store now holds %d users%n", n,
                    ws.store().users().size());
        }
        return 0;
    }
}
