package dev.hydra.core.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labeled pairs of users fitted after training ({@link HydraTrainer#fit}), kept in the model's work folder
 * ({@code work/fitted-reranker-pairs.jsonl}, {@code work/fitted-adapter-pairs.jsonl}, the same rows as training's),
 * so that {@link BaseRetraining} refits their heads on new bases with no LLM call. A user fitted again replaces their
 * rows; erasure drops a forgotten user's rows with the other work files'.
 */
final class FittedRows {

    /** The file of each module's rows, under {@code <model>/work/}. */
    static final Map<String, String> FILES = Map.of(HeadStore.RERANKER, "fitted-reranker-pairs.jsonl",
            HeadStore.ADAPTER, "fitted-adapter-pairs.jsonl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private FittedRows() {}

    /**
     * Replaces a user's rows of one module (none when {@code pairs} is empty), atomically.
     *
     * @param model the model directory
     * @param module {@link HeadStore#RERANKER} or {@link HeadStore#ADAPTER}
     * @param user the user
     * @param pairs the user's new rows
     * @throws HydraException when the file cannot be written
     */
    static synchronized void replace(Path model, String module, UserId user, List<LabeledPair> pairs) {
        Path file = model.resolve("work").resolve(FILES.get(module));
        try {
            List<String> lines = new ArrayList<>();
            for (LabeledPair p : BaseRetraining.pairs(file)) {
                if (!p.user().equals(user)) {
                    lines.add(JSON.writeValueAsString(p));
                }
            }
            for (LabeledPair p : pairs) {
                lines.add(JSON.writeValueAsString(p));
            }
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new HydraException("cannot keep the fitted rows of user " + user + " in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads the fitted users' rows of one module, per user in the order first fitted.
     *
     * @param work the model's work folder
     * @param module {@link HeadStore#RERANKER} or {@link HeadStore#ADAPTER}
     * @return the rows per user; empty when no user was fitted
     */
    static Map<UserId, List<LabeledPair>> read(Path work, String module) {
        Map<UserId, List<LabeledPair>> out = new LinkedHashMap<>();
        for (LabeledPair p : BaseRetraining.pairs(work.resolve(FILES.get(module)))) {
            out.computeIfAbsent(p.user(), u -> new ArrayList<>()).add(p);
        }
        return out;
    }
}
