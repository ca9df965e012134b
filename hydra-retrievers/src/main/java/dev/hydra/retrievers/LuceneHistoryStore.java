package dev.hydra.retrievers;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.api.spi.VectorHistoryStore;
import dev.hydra.retrievers.internal.IndexSettings;
import dev.hydra.retrievers.internal.ItemDocuments;
import dev.hydra.retrievers.internal.Searches;
import dev.hydra.retrievers.internal.UserRevisions;
import dev.hydra.retrievers.internal.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The embedded default {@link HistoryStore}: one on-disk Lucene index of every user's items.
 *
 * <p>Each item is a document with its user id as a keyword, its retrieval text analyzed for BM25, its input,
 * output, timestamp and attributes stored, and, when the store has a {@link TextEncoder}, the encoder's vector
 * of its retrieval text (computed in batches at ingest). Every read and search is filtered on the user's
 * keyword, so no method returns or scores another user's item.
 *
 * <p><b>Durability:</b> {@link #add} and {@link #addAll} commit before they return; {@link #addAll} is all or
 * nothing (vectors are computed and checked before anything is written, and a failed write is rolled back).
 * <b>Forgetting:</b> {@link #forgetUser} deletes a user's items; {@link #compact} then merges the index into
 * one segment, so that no file keeps their bytes. <b>Thread-safety:</b> safe for concurrent use; writes are
 * serialized, reads go through a near-real-time searcher that every write refreshes.
 *
 * <p>The index records the encoder's id; opening it with another encoder (or none, once it holds vectors)
 * fails, since its vectors would not match the queries.
 *
 * @since 0.1
 */
public final class LuceneHistoryStore implements VectorHistoryStore {

    /** The name of this store kind. */
    public static final String NAME = "lucene";

    /** How many texts go to the encoder at once. */
    static final int ENCODE_BATCH = 64;

    private final Directory directory;
    private final String location;
    private final Optional<TextEncoder> encoder;
    private final Analyzer analyzer = IndexSettings.analyzer();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReadWriteLock stateLock = new ReentrantReadWriteLock();
    private final UserRevisions revisions = new UserRevisions();
    private IndexWriter writer;
    private SearcherManager searchers;
    private boolean closed;

    LuceneHistoryStore(Directory directory, String location, Optional<TextEncoder> encoder) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.location = Objects.requireNonNull(location, "location");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        try {
            IndexSettings.checkCompatible(directory, location, encoder);
            openWriter(true);
        } catch (IOException e) {
            closeQuietly();
            throw new HydraException("cannot open the history index at " + location + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Opens (or creates) the store in a directory, without vectors.
     *
     * @param dir the index directory; created when missing
     * @return the store
     * @throws HydraException when the directory cannot be opened, or its index holds vectors
     */
    public static LuceneHistoryStore open(Path dir) {
        return open(dir, Optional.empty());
    }

    /**
     * Opens (or creates) the store in a directory, with an encoder whose vectors it stores.
     *
     * @param dir the index directory; created when missing
     * @param encoder the encoder, when dense retrieval is wanted
     * @return the store
     * @throws HydraException when the directory cannot be opened, or its index was built with another encoder
     */
    public static LuceneHistoryStore open(Path dir, Optional<TextEncoder> encoder) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
            return new LuceneHistoryStore(FSDirectory.open(dir), dir.toString(), encoder);
        } catch (IOException e) {
            throw new HydraException("cannot open the history index at " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The default location: {@code $HYDRA_HOME/history}, where {@code HYDRA_HOME} defaults to {@code ~/.hydra}.
     *
     * @return the directory
     */
    public static Path defaultDirectory() {
        String home = System.getenv("HYDRA_HOME");
        Path root = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".hydra") : Path.of(home);
        return root.resolve("history");
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The encoder whose vectors this store keeps.
     *
     * @return the encoder, or empty when the store has no vectors
     */
    public Optional<TextEncoder> encoder() {
        return encoder;
    }

    @Override
    public void add(HistoryItem item) {
        addAll(List.of(Objects.requireNonNull(item, "item")));
    }

    @Override
    public void addAll(Collection<HistoryItem> items) {
        List<HistoryItem> list = List.copyOf(Objects.requireNonNull(items, "items"));
        if (list.isEmpty()) {
            return;
        }
        List<float[]> vectors = encode(list);
        List<Document> docs = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            docs.add(ItemDocuments.toDocument(list.get(i), vectors == null ? null : vectors.get(i)));
        }
        try {
            write("store " + list.size() + " items", w -> {
                for (int i = 0; i < list.size(); i++) {
                    HistoryItem item = list.get(i);
                    w.updateDocument(ItemDocuments.keyTerm(item.userId(), item.id()), docs.get(i));
                }
                return null;
            });
        } finally {
            list.stream().map(HistoryItem::userId).distinct().forEach(revisions::changed);
        }
    }

    /** Tracked in memory per stripe of users: every write through this store object changes its users'. */
    @Override
    public OptionalLong revision(UserId user) {
        return OptionalLong.of(revisions.of(Objects.requireNonNull(user, "user")));
    }

    private List<float[]> encode(List<HistoryItem> items) {
        if (encoder.isEmpty()) {
            return null;
        }
        TextEncoder enc = encoder.get();
        List<float[]> out = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += ENCODE_BATCH) {
            List<HistoryItem> batch = items.subList(from, Math.min(items.size(), from + ENCODE_BATCH));
            float[][] vectors;
            try {
                vectors = enc.encode(batch.stream().map(HistoryItem::retrievalText).toList());
            } catch (RuntimeException e) {
                throw new HydraException(
                        "encoder " + enc.id() + " failed on items " + from + ".." + (from + batch.size())
                                + " of " + items.size() + "; nothing was stored: " + e.getMessage(),
                        e);
            }
            if (vectors == null || vectors.length != batch.size()) {
                throw new HydraException("encoder " + enc.id() + " returned "
                        + (vectors == null ? "nothing" : vectors.length + " vectors") + " for " + batch.size()
                        + " texts; nothing was stored");
            }
            for (int i = 0; i < vectors.length; i++) {
                String problem = Vectors.problem(vectors[i], enc.dimension());
                if (problem != null) {
                    HistoryItem item = batch.get(i);
                    throw new HydraException("encoder " + enc.id() + " returned " + problem + " for item "
                            + item.id() + " of user " + item.userId() + "; nothing was stored");
                }
                out.add(vectors[i]);
            }
        }
        return out;
    }

    @Override
    public Optional<HistoryItem> get(UserId user, String itemId) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(itemId, "itemId");
        return read(s -> {
            TopDocs top = s.search(new TermQuery(ItemDocuments.keyTerm(user, itemId)), 1);
            return top.scoreDocs.length == 0 ? Optional.empty() : Optional.of(Searches.load(s, top.scoreDocs[0].doc));
        });
    }

    @Override
    public List<HistoryItem> list(UserId user) {
        Objects.requireNonNull(user, "user");
        return read(s -> sorted(s, user, Integer.MAX_VALUE, ItemDocuments.OLDEST_FIRST));
    }

    /** Sorted by time in the index: reads {@code m} items, however many the user has. */
    @Override
    public List<HistoryItem> newest(UserId user, int m) {
        Objects.requireNonNull(user, "user");
        if (m < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + m);
        }
        return read(s -> sorted(s, user, m, ItemDocuments.NEWEST_FIRST));
    }

    private static List<HistoryItem> sorted(IndexSearcher s, UserId user, int m, org.apache.lucene.search.Sort sort)
            throws IOException {
        TermQuery q = new TermQuery(ItemDocuments.userTerm(user));
        int n = Math.min(m, s.count(q));
        if (n == 0) {
            return List.of();
        }
        TopDocs top = s.search(q, n, sort);
        return Searches.loadAll(s, top.scoreDocs);
    }

    /**
     * Ranks a user's items by Lucene BM25 of their retrieval text against a query text.
     *
     * @param user the owner
     * @param text the query text
     * @param m the most items
     * @return the items that share a term with the query, best first
     */
    public List<Scored<HistoryItem>> searchText(UserId user, String text, int m) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(text, "text");
        return read(s -> Searches.bm25(s, analyzer, user, text, m));
    }

    /**
     * Ranks a user's items by the exact cosine of their stored vectors with a query vector.
     *
     * @param user the owner
     * @param vector the query vector, of the encoder's dimension
     * @param m the most items
     * @return the items, best first, ties by item id
     * @throws IllegalStateException when the store has no encoder
     * @throws IllegalArgumentException when the vector's length is not the encoder's dimension
     */
    public List<Scored<HistoryItem>> searchVector(UserId user, float[] vector, int m) {
        Objects.requireNonNull(user, "user");
        TextEncoder enc = encoder.orElseThrow(() -> new IllegalStateException(
                "the history store at " + location + " keeps no vectors: open it with a TextEncoder"));
        String problem = Vectors.problem(vector, enc.dimension());
        if (problem != null) {
            throw new IllegalArgumentException("query vector: " + problem);
        }
        return read(s -> Searches.nearest(s, user, vector, m));
    }

    /**
     * Returns the stored vectors of items, when this store keeps vectors of encoder {@code encoderId}: each only
     * when the index holds that item unchanged, so that a stale or foreign copy never gets another's vector.
     */
    @Override
    public List<Optional<float[]>> storedVectors(List<HistoryItem> items, String encoderId) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(encoderId, "encoderId");
        if (items.isEmpty() || encoder.isEmpty() || !encoder.get().id().equals(encoderId)) {
            return java.util.Collections.nCopies(items.size(), Optional.empty());
        }
        return read(s -> Searches.vectors(s, items));
    }

    @Override
    public int count(UserId user) {
        Objects.requireNonNull(user, "user");
        return read(s -> s.count(new TermQuery(ItemDocuments.userTerm(user))));
    }

    @Override
    public List<UserId> users() {
        return read(s -> Searches.users(s).stream().map(UserId::of).toList());
    }

    @Override
    public int forgetUser(UserId user) {
        Objects.requireNonNull(user, "user");
        try {
            return write("forget user " + user, w -> {
                int n = count(user);
                w.deleteDocuments(ItemDocuments.userTerm(user));
                return n;
            });
        } finally {
            revisions.changed(user);
        }
    }

    /** Merges the index into one segment without deleted documents and deletes every file no longer used. */
    @Override
    public void compact() {
        write("compact", w -> {
            w.forceMergeDeletes(true);
            w.forceMerge(1, true);
            return null;
        });
        writeLock.lock();
        try {
            checkOpen();
            writer.deleteUnusedFiles();
        } catch (IOException e) {
            throw new HydraException("cannot compact the history index at " + location + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The bytes of the index files on disk.
     *
     * @return the total size of the directory's files
     */
    public long sizeInBytes() {
        return read(s -> {
            long total = 0;
            for (String file : directory.listAll()) {
                try {
                    total += directory.fileLength(file);
                } catch (java.nio.file.NoSuchFileException e) {
                    // deleted by a concurrent merge
                }
            }
            return total;
        });
    }

    @Override
    public void close() {
        writeLock.lock();
        stateLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly();
        } finally {
            stateLock.writeLock().unlock();
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "LuceneHistoryStore[" + location + ", encoder=" + encoder.map(TextEncoder::id).orElse("none") + "]";
    }

    // ---- writer and searcher management

    private interface IoFunction<A, R> {
        R apply(A a) throws IOException;
    }

    private void openWriter(boolean commit) throws IOException {
        writer = new IndexWriter(directory, IndexSettings.writerConfig(analyzer, encoder));
        writer.setLiveCommitData(IndexSettings.commitData(encoder).entrySet());
        if (commit) {
            writer.commit();
        }
        searchers = new SearcherManager(writer, null);
    }

    private <R> R read(IoFunction<IndexSearcher, R> action) {
        stateLock.readLock().lock();
        try {
            checkOpen();
            IndexSearcher s = searchers.acquire();
            try {
                return action.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new HydraException("cannot read the history index at " + location + ": " + e.getMessage(), e);
        } finally {
            stateLock.readLock().unlock();
        }
    }

    private <R> R write(String what, IoFunction<IndexWriter, R> action) {
        writeLock.lock();
        try {
            checkOpen();
            try {
                R result = action.apply(writer);
                writer.commit();
                searchers.maybeRefreshBlocking();
                return result;
            } catch (IOException | RuntimeException e) {
                rollback(e);
                throw new HydraException("cannot " + what + " in the history index at " + location
                        + "; it is as it was: " + e.getMessage(), e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops every change since the last commit (the failed write's) and reopens writer and searcher. */
    private void rollback(Exception failure) {
        stateLock.writeLock().lock();
        try {
            try {
                searchers.close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
            try {
                writer.rollback();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
            try {
                openWriter(false);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
                closed = true;
                closeQuietly();
            }
        } finally {
            stateLock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new AlreadyClosedException("the history store at " + location + " is closed");
        }
    }

    private void closeQuietly() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null && writer.isOpen()) {
                writer.close();
            }
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the history index at " + location, e);
        }
    }
}
