package dev.hydra.core.data;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.spi.HistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Loads a file of history into a store, all or nothing: every record is read and validated first, then one
 * {@link HistoryStore#addAll} (atomic) writes them. Ingesting the same file again changes nothing, since
 * items are identified by user and id.
 *
 * @since 0.1
 */
public final class HistoryIngest {

    private HistoryIngest() {}

    /**
     * Ingests a file: {@code *.jsonl} as JSON Lines of history items, {@code *_questions.json} as a LaMP split
     * (the profiles of its questions; the task from the sibling {@code *_outputs.json} or the directory name).
     *
     * @param store the store
     * @param file the file
     * @return how many items were written
     * @throws dev.hydra.api.CorruptDataException on bad input; the store is then unchanged
     * @throws IllegalArgumentException when the file is of neither kind
     */
    public static int ingest(HistoryStore store, Path file) {
        Objects.requireNonNull(store, "store");
        String name = file.getFileName().toString();
        List<HistoryItem> items;
        if (name.endsWith(".jsonl")) {
            items = JsonlHistoryReader.read(file);
        } else if (name.endsWith("_questions.json")) {
            Path outputs = file.resolveSibling(name.replace("_questions.json", "_outputs.json"));
            items = LampReader.read(file, Files.exists(outputs) ? outputs : null, null).items();
        } else {
            throw new IllegalArgumentException(file + ": expected a .jsonl file of history items or a LaMP "
                    + "<split>_questions.json file");
        }
        store.addAll(items);
        return items.size();
    }

    /**
     * Ingests the profiles of a LaMP dataset.
     *
     * @param store the store
     * @param dataset the dataset
     * @return how many items were written
     */
    public static int ingest(HistoryStore store, LampDataset dataset) {
        List<HistoryItem> items = dataset.items();
        store.addAll(items);
        return items.size();
    }
}
