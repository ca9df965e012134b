package dev.hydra.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads history items from JSON Lines: one object per line,
 * {@code {"user_id", "id", "input", "output", "timestamp"?, "attributes"?}}, where {@code timestamp} is an
 * ISO-8601 instant or date and {@code attributes} an object of strings. Blank lines are skipped; an unknown
 * field is an error (it is most likely a typo). Every failure names the file, the line, the item id and the
 * field.
 *
 * @since 0.1
 */
public final class JsonlHistoryReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KNOWN = Set.of("user_id", "id", "input", "output", "timestamp", "attributes");

    private JsonlHistoryReader() {}

    /**
     * Reads every item of a file, validating all of them.
     *
     * @param file the JSON Lines file
     * @return the items, in file order
     * @throws CorruptDataException on the first bad line
     * @throws HydraException when the file cannot be read
     */
    public static List<HistoryItem> read(Path file) {
        List<HistoryItem> items = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNr = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNr++;
                if (!line.isBlank()) {
                    items.add(parse(line, file + ":" + lineNr));
                }
            }
        } catch (IOException e) {
            throw new HydraException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return items;
    }

    private static HistoryItem parse(String line, String where) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new CorruptDataException(where, "malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new CorruptDataException(where, "expected a JSON object");
        }
        Fields f = new Fields(where + (node.hasNonNull("id") ? " (id \"" + node.get("id").asText() + "\")" : ""));
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!KNOWN.contains(name)) {
                throw f.error(name, "is unknown; the fields are " + new java.util.TreeSet<>(KNOWN));
            }
        }
        Map<String, String> attributes = new TreeMap<>();
        JsonNode attrs = node.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                throw f.error("attributes", "must be an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw f.error("attributes." + e.getKey(), "must be a string");
                }
                attributes.put(e.getKey(), e.getValue().asText());
            }
        }
        try {
            return new HistoryItem(f.id(node, "id"), f.user(node, "user_id"), f.text(node, "input"),
                    f.text(node, "output"), f.time(node, "timestamp"), attributes);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(f.where(), e.getMessage(), e);
        }
    }
}
