package dev.hydra.eval.bench;

import dev.hydra.api.spi.HeadStore;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.app.FileTrees;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** The single-machine backend: Lucene histories and a {@link FileHeadStore}, in folders under a work folder. */
final class LuceneBackend implements StoreBackend {

    private final Path dir;

    /** Creates the backend in a folder, which it empties first and deletes on close. */
    LuceneBackend(Path dir) {
        this.dir = dir;
        delete();
    }

    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public HistoryStore openHistory(String history, TextEncoder encoder) {
        return LuceneHistoryStore.open(dir.resolve(history), Optional.of(encoder));
    }

    @Override
    public HistoryStore reopen(HistoryStore store, String history, TextEncoder encoder) {
        store.close();
        LuceneHistoryStore reopened = LuceneHistoryStore.open(dir.resolve(history), Optional.of(encoder));
        reopened.compact(); // one segment, as bench retrieval times it
        return reopened;
    }

    @Override
    public HeadStore newHeadStore() {
        return new FileHeadStore(dir.resolve("heads"));
    }

    @Override
    public void close() {
        delete();
    }

    private void delete() {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the bench folder " + dir, e);
        }
    }
}
