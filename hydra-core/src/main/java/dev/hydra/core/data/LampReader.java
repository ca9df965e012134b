package dev.hydra.core.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads LaMP-format data: {@code <split>_questions.json} (a JSON array of {@code {"id", "user_id"?, "input",
 * "profile": [...]}}) and {@code <split>_outputs.json} ({@code {"task", "golds": [{"id", "output"}]}}).
 *
 * <p>Both the benchmark's files (with {@code user_id}) and LaMP's own (without it: each question id is its own
 * user; profile items may lack {@code date}) are read. A profile item becomes a {@link HistoryItem} by the
 * task's mapping ({@link LampTask}): its input and output fields, its {@code date} as the timestamp (UTC
 * midnight; {@link java.time.Instant#EPOCH} when absent), every other field as an attribute, and the retrieval
 * text in {@link HistoryItem#RETRIEVAL_TEXT} when the task retrieves over more than the input. Questions are
 * streamed one at a time. Bad input fails with a {@link CorruptDataException} naming the file, the question
 * (index, id and line) and the field.
 *
 * @since 0.1
 */
public final class LampReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LampReader() {}

    /**
     * Reads a split from a task directory: {@code <dir>/<split>_questions.json} and, when present,
     * {@code <dir>/<split>_outputs.json}, whose {@code task} names the task (else the directory's name does).
     *
     * @param taskDir the directory
     * @param split e.g. {@code "dev"}
     * @return the dataset
     * @throws CorruptDataException on bad input
     * @throws HydraException when a file cannot be read or the task is unknown
     */
    public static LampDataset readSplit(Path taskDir, String split) {
        Path questions = taskDir.resolve(split + "_questions.json");
        Path outputs = taskDir.resolve(split + "_outputs.json");
        return read(questions, Files.exists(outputs) ? outputs : null, null);
    }

    /**
     * Reads a questions file and, optionally, its outputs file.
     *
     * @param questions the questions file
     * @param outputs the outputs file, or {@code null} when the golds are unknown
     * @param task the task, or {@code null} to take it from the outputs file's {@code task} field or, failing
     *     that, from the name of the questions file's directory
     * @return the dataset
     * @throws CorruptDataException on bad input
     * @throws HydraException when a file cannot be read or the task is unknown
     */
    public static LampDataset read(Path questions, Path outputs, LampTask task) {
        Map<String, String> golds = new HashMap<>();
        String namedTask = outputs == null ? null : readOutputs(outputs, golds);
        LampTask resolved = task != null ? task : resolveTask(namedTask, questions);
        return new LampDataset(resolved, readQuestions(questions, resolved, golds));
    }

    private static LampTask resolveTask(String named, Path questions) {
        String name = named != null ? named
                : questions.toAbsolutePath().getParent() == null ? "" : questions.toAbsolutePath().getParent()
                        .getFileName().toString();
        try {
            return LampTask.forName(name);
        } catch (IllegalArgumentException e) {
            throw new HydraException(questions + ": cannot tell the task (" + e.getMessage()
                    + "); pass it explicitly", e);
        }
    }

    private static String readOutputs(Path file, Map<String, String> golds) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new CorruptDataException(file.toString(), "malformed JSON" + at(e) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HydraException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("golds").isArray()) {
            throw new CorruptDataException(file.toString(), "expected an object {\"task\", \"golds\": [...]}");
        }
        int i = 0;
        for (JsonNode gold : root.get("golds")) {
            Fields f = new Fields(file + ": gold " + i++);
            golds.put(f.id(gold, "id"), f.text(gold, "output"));
        }
        return root.hasNonNull("task") ? root.get("task").asText() : null;
    }

    private static List<LampQuestion> readQuestions(Path file, LampTask task, Map<String, String> golds) {
        List<LampQuestion> out = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new CorruptDataException(file.toString(), "expected a JSON array of questions");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                int line = p.currentLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw new CorruptDataException(file + ": question " + out.size() + " (line " + line + ")",
                            "expected a JSON object");
                }
                JsonNode q = MAPPER.readTree(p);
                out.add(question(q, task, golds, file + ": question " + out.size() + idPart(q) + " (line " + line
                        + ")"));
            }
        } catch (JsonProcessingException e) {
            throw new CorruptDataException(file.toString(), "malformed JSON" + at(e) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HydraException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Where a parse error is, when the parser knows (it does not for every error, e.g. bad UTF-8). */
    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
    }

    private static String idPart(JsonNode q) {
        return q.hasNonNull("id") ? " (id \"" + q.get("id").asText() + "\")" : "";
    }

    private static LampQuestion question(JsonNode q, LampTask task, Map<String, String> golds, String where) {
        Fields f = new Fields(where);
        String id = f.id(q, "id");
        UserId user = q.has("user_id") ? f.user(q, "user_id") : asUser(f, id);
        String input = f.text(q, "input");
        JsonNode profile = q.get("profile");
        if (profile == null || !profile.isArray()) {
            throw f.error("profile", "must be an array of profile items");
        }
        List<HistoryItem> items = new ArrayList<>(profile.size());
        for (int i = 0; i < profile.size(); i++) {
            JsonNode p = profile.get(i);
            items.add(item(p, user, task, f.nested("profile item " + i + idPart(p))));
        }
        return new LampQuestion(id, user, input, Optional.ofNullable(golds.get(id)), items, task);
    }

    private static UserId asUser(Fields f, String id) {
        try {
            return UserId.of(id);
        } catch (IllegalArgumentException e) {
            throw f.error("id", "cannot serve as the user id (the file has no user_id): " + e.getMessage());
        }
    }

    private static HistoryItem item(JsonNode p, UserId user, LampTask task, Fields f) {
        if (!p.isObject()) {
            throw new CorruptDataException(f.where(), "expected a JSON object");
        }
        String id = f.id(p, "id");
        String input = f.text(p, task.inputField());
        String output = f.text(p, task.outputField());
        Map<String, String> attributes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (!k.equals("id") && !k.equals("date") && !k.equals(task.inputField()) && !k.equals(task.outputField())
                    && e.getValue().isValueNode() && !e.getValue().isNull()) {
                attributes.put(k, e.getValue().asText());
            }
        }
        if (!task.retrievalFields().equals(List.of(task.inputField()))) {
            List<String> parts = new ArrayList<>();
            for (String field : task.retrievalFields()) {
                parts.add(f.text(p, field));
            }
            attributes.put(HistoryItem.RETRIEVAL_TEXT, String.join(" ", parts));
        }
        try {
            return new HistoryItem(id, user, input, output, f.time(p, "date"), attributes);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(f.where(), e.getMessage(), e);
        }
    }
}
