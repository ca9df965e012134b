package dev.hydra.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.HistoryItem;
import dev.hydra.core.data.JsonlHistoryReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines histories ({@code hydra ingest}): any bytes are read as items or rejected clearly, and the items
 * read, written back as JSON Lines, read as the same items.
 */
class JsonlHistoryFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Scratch.folder("jsonl");

    /**
     * One input: the whole file.
     *
     * @param data the fuzzer's input
     */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        Path file = DIR.resolve("history.jsonl");
        Scratch.write(file, data.consumeRemainingAsBytes());
        List<HistoryItem> items;
        try {
            items = JsonlHistoryReader.read(file);
        } catch (RuntimeException e) {
            Rejections.requireClear(e);
            return;
        }
        Path again = DIR.resolve("again.jsonl");
        Scratch.write(again, lines(items).getBytes(StandardCharsets.UTF_8));
        WrongAccept.unlessEqual("items written back", items, JsonlHistoryReader.read(again));
    }

    private static String lines(List<HistoryItem> items) {
        StringBuilder out = new StringBuilder();
        for (HistoryItem item : items) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("user_id", item.userId().value());
            row.put("id", item.id());
            row.put("input", item.input());
            row.put("output", item.output());
            row.put("timestamp", item.timestamp().toString());
            row.put("attributes", item.attributes());
            try {
                out.append(JSON.writeValueAsString(row)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    @FuzzTest
    void replay(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }
}
