package dev.hydra.core.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Retrains a model's shared bases from the labels its training cached ({@code <model>/work/reranker-pairs.jsonl},
 * {@code adapter-pairs.jsonl}), with no LLM call: after {@link dev.hydra.core.erasure.UserErasure} removed a
 * user's rows from those files, the retrained bases hold nothing of that user. The training users' heads are
 * trained again with the bases, jointly, from the same rows; the users fitted after training ({@link HydraTrainer#fit})
 * are refitted on the new bases from the labeled pairs their fit kept ({@code work/fitted-*-pairs.jsonl}), with no
 * LLM call either, under the same promotion rule; the new directory holds no other head, so that no head fitted on
 * the old bases is ever used on the new ones (a user fitted before fits kept their pairs is served by the shared
 * default head until fitted again).
 *
 * <p>The new manifest is the old one with the rows' users as {@code training_users}, the new pair counts and data
 * fingerprint, no {@code forgotten_training_users}, and {@code retrained} ({@code from}, {@code llm_calls}: 0,
 * {@code refitted_users}: the fitted users refitted, {@code refitted_heads}: how many of their heads were kept).
 * The anchor weights and the held-out report are the old training's: they are numbers chosen on the old data, not
 * rows of it.
 *
 * @since 0.4
 */
public final class BaseRetraining {

    /** The manifest key counting training users erased since the bases were trained. */
    public static final String FORGOTTEN_TRAINING_USERS = "forgotten_training_users";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WORK_FILES = List.of("pseudo-queries.jsonl", "reranker-pairs.jsonl",
            "adapter-pairs.jsonl", FittedRows.FILES.get(HeadStore.RERANKER), FittedRows.FILES.get(HeadStore.ADAPTER));

    private BaseRetraining() {}

    /**
     * What a retraining made.
     *
     * @param dir the new model directory
     * @param trainingUsers the users whose rows trained it
     * @param rerankerPairs the reranker's rows
     * @param adapterPairs the adapter's rows
     */
    public record Result(Path dir, List<String> trainingUsers, int rerankerPairs, int adapterPairs) {

        /** Keeps an unmodifiable list. */
        public Result {
            trainingUsers = List.copyOf(trainingUsers);
        }
    }

    /**
     * Trains new bases (and the training users' heads) from a model's cached rows into a new directory.
     *
     * @param from a trained model directory, with its {@code work/} rows; never {@code null}
     * @param to an empty or missing directory, e.g. {@link ModelVersions#newStagingDirectory()}; never {@code null}
     * @param scorers the scorer implementation the model was trained with, storing its heads under {@code to}
     * @return what was trained
     * @throws IllegalArgumentException when {@code from} has no training rows, or the scorers differ from the
     *     model's
     * @throws CorruptDataException when the manifest or a row is damaged
     */
    public static Result retrain(Path from, Path to, TrainableScorer.Factory scorers) {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        Objects.requireNonNull(scorers, "scorers must not be null");
        if (from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("retraining " + from + " into itself; pass a new directory, e.g. "
                    + "ModelVersions.newStagingDirectory()");
        }
        Map<String, Object> manifest = manifest(from);
        if (!scorers.describe().equals(manifest.get("scorer"))) {
            throw new IllegalArgumentException("the model " + from + " was trained with " + manifest.get("scorer")
                    + " but retraining was given " + scorers.describe() + "; pass the model's encoder and head kind");
        }
        Path work = from.resolve("work");
        if (!Files.isRegularFile(work.resolve("reranker-pairs.jsonl"))) {
            throw new IllegalArgumentException("the model " + from + " has no cached training rows (work/"
                    + "reranker-pairs.jsonl), so its bases cannot be retrained without the LLM; train it again");
        }
        long seed = seed(manifest, from);
        List<LabeledPair> reranker = pairs(work.resolve("reranker-pairs.jsonl"));
        List<LabeledPair> adapter = pairs(work.resolve("adapter-pairs.jsonl"));
        HydraModel.invalidate(to);
        TreeSet<String> users = new TreeSet<>();
        reranker.forEach(p -> users.add(p.user().value()));
        adapter.forEach(p -> users.add(p.user().value()));
        TreeSet<String> refitted = new TreeSet<>();
        int refittedHeads = 0;
        try (TrainableScorer r = scorers.create(HeadStore.RERANKER, seed);
                TrainableScorer a = scorers.create(HeadStore.ADAPTER, seed + 1)) {
            r.train(reranker, seed, ProgressListener.NONE);
            if (!adapter.isEmpty()) {
                a.train(adapter, seed + 1, ProgressListener.NONE);
            }
            // the fit's seed: HydraTrainer.fit fits both modules with the trainer's seed
            for (TrainableScorer scorer : List.of(r, a)) {
                String module = scorer == r ? HeadStore.RERANKER : HeadStore.ADAPTER;
                for (Map.Entry<UserId, List<LabeledPair>> e : FittedRows.read(work, module).entrySet()) {
                    if (!users.contains(e.getKey().value())) {
                        refitted.add(e.getKey().value());
                        refittedHeads += scorer.fit(e.getKey(), e.getValue(), seed) ? 1 : 0;
                    }
                }
            }
            r.save(to.resolve(HeadStore.RERANKER));
            a.save(to.resolve(HeadStore.ADAPTER));
        }
        copyWork(work, to.resolve("work"));
        Map<String, Object> out = new LinkedHashMap<>(manifest);
        out.remove(FORGOTTEN_TRAINING_USERS);
        out.put("training_users", List.copyOf(users));
        out.put("reranker_pairs", reranker.size());
        out.put("adapter_pairs", adapter.size());
        out.put("data_fingerprint", HydraTrainer.fingerprint(reranker, adapter));
        out.put("retrained", Map.of("from", from.getFileName().toString(), "llm_calls", 0, "source",
                "cached training rows", "refitted_users", List.copyOf(refitted), "refitted_heads", refittedHeads));
        HydraModel.writeManifest(to, out);
        return new Result(to, List.copyOf(users), reranker.size(), adapter.size());
    }

    private static Map<String, Object> manifest(Path dir) {
        Path file = dir.resolve(HydraModel.MANIFEST);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = JSON.readValue(file.toFile(), Map.class);
            if (read == null) {
                throw new CorruptDataException(file.toString(), "the manifest is empty; train the model again");
            }
            return read;
        } catch (IOException e) {
            throw new CorruptDataException(file.toString(), "cannot read the manifest (" + e.getMessage()
                    + "); train the model again", e);
        }
    }

    private static long seed(Map<String, Object> manifest, Path dir) {
        if (manifest.get("trainer") instanceof Map<?, ?> trainer && trainer.get("seed") instanceof Number n) {
            return n.longValue();
        }
        throw new CorruptDataException(dir.resolve(HydraModel.MANIFEST).toString(), "records no trainer.seed; "
                + "train the model again");
    }

    /** Reads the rows {@link HydraTrainer} wrote; a missing file holds none. */
    static List<LabeledPair> pairs(Path file) {
        List<LabeledPair> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : lines.filter(l -> !l.isBlank()).toList()) {
                out.add(pair(JSON.readTree(line), file, out.size() + 1));
            }
        } catch (IOException e) {
            throw new CorruptDataException(file.toString(), "cannot read the training rows (" + e.getMessage()
                    + "); train the model again", e);
        }
        return out;
    }

    private static LabeledPair pair(JsonNode row, Path file, int line) {
        JsonNode user = row.path("user");
        String id = user.isTextual() ? user.asText() : user.path("value").asText("");
        if (id.isEmpty() || !row.path("queryId").isTextual() || !row.path("positive").isBoolean()) {
            throw new CorruptDataException(file.toString(), "row " + line + " is not a labeled pair (user, queryId, "
                    + "positive); train the model again");
        }
        return new LabeledPair(UserId.of(id), row.path("queryId").asText(), row.path("query").asText(""),
                row.path("text").asText(""), row.path("retrievalScore").asDouble(0), row.path("rank").asInt(0),
                row.path("positive").asBoolean(), row.path("output").asText(""));
    }

    private static void copyWork(Path from, Path to) {
        try {
            Files.createDirectories(to);
            for (String name : WORK_FILES) {
                if (Files.isRegularFile(from.resolve(name))) {
                    Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new HydraException("cannot copy the training rows into " + to + ": " + e.getMessage(), e);
        }
    }
}
