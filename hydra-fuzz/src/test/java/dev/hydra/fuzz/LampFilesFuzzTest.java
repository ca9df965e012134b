package dev.hydra.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.HistoryItem;
import dev.hydra.core.data.LampDataset;
import dev.hydra.core.data.LampQuestion;
import dev.hydra.core.data.LampReader;
import dev.hydra.core.data.LampTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LaMP-format files ({@code hydra train}, {@code eval}, {@code ingest}): a questions file and, optionally, an
 * outputs file, read for a task the fuzzer picks; what is read, written back in LaMP format, reads the same.
 */
class LampFilesFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Scratch.folder("lamp");

    /**
     * One input: a byte that picks the task, then the questions file, then, after a NUL byte when present, the
     * outputs file.
     *
     * @param input the fuzzer's input
     */
    public static void fuzzerTestOneInput(byte[] input) {
        if (input.length == 0) {
            return;
        }
        LampTask task = LampTask.values()[Byte.toUnsignedInt(input[0]) % LampTask.values().length];
        int nul = 1;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        boolean withOutputs = nul < input.length;
        Path q = DIR.resolve("dev_questions.json");
        Path o = DIR.resolve("dev_outputs.json");
        Scratch.write(q, Arrays.copyOfRange(input, 1, nul));
        Scratch.write(o, withOutputs ? Arrays.copyOfRange(input, nul + 1, input.length) : new byte[0]);
        LampDataset read;
        try {
            read = LampReader.read(q, withOutputs ? o : null, task);
        } catch (RuntimeException e) {
            Rejections.requireClear(e);
            return;
        }
        Path q2 = DIR.resolve("again_questions.json");
        Path o2 = DIR.resolve("again_outputs.json");
        Scratch.write(q2, json(questions(read)));
        Scratch.write(o2, json(outputs(read)));
        WrongAccept.unlessEqual("LaMP data written back", read, LampReader.read(q2, o2, task));
    }

    private static List<Object> questions(LampDataset data) {
        LampTask task = data.task();
        boolean computedRetrievalText = !task.retrievalFields().equals(List.of(task.inputField()));
        List<Object> out = new ArrayList<>();
        for (LampQuestion question : data.questions()) {
            List<Object> profile = new ArrayList<>();
            for (HistoryItem item : question.profile()) {
                Map<String, Object> p = new LinkedHashMap<>(item.attributes());
                if (computedRetrievalText) {
                    p.remove(HistoryItem.RETRIEVAL_TEXT);
                }
                p.put("id", item.id());
                p.put(task.inputField(), item.input());
                p.put(task.outputField(), item.output());
                p.put("date", item.timestamp().toString());
                profile.add(p);
            }
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("id", question.id());
            q.put("user_id", question.userId().value());
            q.put("input", question.input());
            q.put("profile", profile);
            out.add(q);
        }
        return out;
    }

    private static Map<String, Object> outputs(LampDataset data) {
        List<Object> golds = new ArrayList<>();
        for (LampQuestion question : data.questions()) {
            question.gold().ifPresent(g -> golds.add(Map.of("id", question.id(), "output", g)));
        }
        return Map.of("task", data.task().taskName(), "golds", golds);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest
    void replay(byte[] input) {
        fuzzerTestOneInput(input);
    }
}
