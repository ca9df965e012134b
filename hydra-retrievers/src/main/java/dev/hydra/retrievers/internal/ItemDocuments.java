package dev.hydra.retrievers.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/**
 * The mapping between a {@link HistoryItem} and its Lucene document (index format 1).
 *
 * <p>Fields: {@code user} (keyword, stored), {@code key} (user and item id, the identity used to replace),
 * {@code id} (stored, sorted), {@code text} (the retrieval text, analyzed, not stored), {@code input} and
 * {@code output} (stored), {@code ts_s}/{@code ts_n} (timestamp seconds and nanos, stored and sorted),
 * {@code attr_k}/{@code attr_v} (attributes, stored in key order), {@code content} (a doc value: the first 8 bytes
 * of the SHA-256 of all of the above, so that an item can be checked against its document without loading it;
 * documents written before it existed have none and are loaded instead) and {@code vector} (the encoder vector).
 */
public final class ItemDocuments {

    /** The keyword field holding the owner's id. */
    public static final String USER = "user";
    /** The analyzed field that BM25 searches: the item's retrieval text. */
    public static final String TEXT = "text";
    /** The vector field. */
    public static final String VECTOR = "vector";

    private static final String KEY = "key";
    private static final String ID = "id";
    private static final String INPUT = "input";
    private static final String OUTPUT = "output";
    private static final String TS_SECONDS = "ts_s";
    private static final String TS_NANOS = "ts_n";
    private static final String ATTR_KEY = "attr_k";
    private static final String ATTR_VALUE = "attr_v";
    /** The doc value holding {@link #contentHash} of the document's item. */
    public static final String CONTENT = "content";

    /** Oldest first: timestamp, then item id. */
    public static final Sort OLDEST_FIRST = new Sort(
            new SortField(TS_SECONDS, SortField.Type.LONG),
            new SortField(TS_NANOS, SortField.Type.INT),
            new SortField(ID, SortField.Type.STRING));

    /** Newest first: timestamp descending, then item id. */
    public static final Sort NEWEST_FIRST = new Sort(
            new SortField(TS_SECONDS, SortField.Type.LONG, true),
            new SortField(TS_NANOS, SortField.Type.INT, true),
            new SortField(ID, SortField.Type.STRING));

    private ItemDocuments() {}

    /**
     * The term that selects all items of a user.
     *
     * @param user the user
     * @return the term
     */
    public static Term userTerm(UserId user) {
        return new Term(USER, user.value());
    }

    /**
     * The term that identifies one item of one user.
     *
     * @param user the owner
     * @param itemId the item id
     * @return the term
     */
    public static Term keyTerm(UserId user, String itemId) {
        // 0x1F never occurs in a user id nor (as a control character) in an item id
        return new Term(KEY, user.value() + '\u001f' + itemId);
    }

    /**
     * Builds the document of an item.
     *
     * @param item the item
     * @param vector its encoder vector, or {@code null} when the store has no encoder
     * @return the document
     */
    public static Document toDocument(HistoryItem item, float[] vector) {
        Document doc = new Document();
        doc.add(new StringField(USER, item.userId().value(), Field.Store.YES));
        doc.add(new StringField(KEY, keyTerm(item.userId(), item.id()).text(), Field.Store.NO));
        doc.add(new StoredField(ID, item.id()));
        doc.add(new SortedDocValuesField(ID, new BytesRef(item.id())));
        doc.add(new TextField(TEXT, item.retrievalText(), Field.Store.NO));
        doc.add(new StoredField(INPUT, item.input()));
        doc.add(new StoredField(OUTPUT, item.output()));
        Instant ts = item.timestamp();
        doc.add(new StoredField(TS_SECONDS, ts.getEpochSecond()));
        doc.add(new NumericDocValuesField(TS_SECONDS, ts.getEpochSecond()));
        doc.add(new StoredField(TS_NANOS, ts.getNano()));
        doc.add(new NumericDocValuesField(TS_NANOS, ts.getNano()));
        for (Map.Entry<String, String> a : new TreeMap<>(item.attributes()).entrySet()) {
            doc.add(new StoredField(ATTR_KEY, a.getKey()));
            doc.add(new StoredField(ATTR_VALUE, a.getValue()));
        }
        doc.add(new NumericDocValuesField(CONTENT, contentHash(item)));
        if (vector != null) {
            doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        }
        return doc;
    }

    /**
     * A fingerprint of everything an item holds: equal items have equal hashes, and items that differ in any
     * field differ in theirs but for a chance of 2<sup>-64</sup>. Each field goes in with its length, attributes in
     * key order.
     *
     * @param item the item
     * @return the first 8 bytes of the SHA-256 of the item's fields
     */
    public static long contentHash(HistoryItem item) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        ByteBuffer numbers = ByteBuffer.allocate(12);
        numbers.putLong(item.timestamp().getEpochSecond()).putInt(item.timestamp().getNano());
        sha.update(numbers.array());
        update(sha, item.userId().value());
        update(sha, item.id());
        update(sha, item.input());
        update(sha, item.output());
        for (Map.Entry<String, String> a : new TreeMap<>(item.attributes()).entrySet()) {
            update(sha, a.getKey());
            update(sha, a.getValue());
        }
        return ByteBuffer.wrap(sha.digest()).getLong();
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    /**
     * Reads an item back from its stored fields.
     *
     * @param doc the stored fields of the document
     * @return the item
     */
    public static HistoryItem fromDocument(Document doc) {
        Instant ts = Instant.ofEpochSecond(
                doc.getField(TS_SECONDS).numericValue().longValue(),
                doc.getField(TS_NANOS).numericValue().intValue());
        String[] keys = doc.getValues(ATTR_KEY);
        String[] values = doc.getValues(ATTR_VALUE);
        Map<String, String> attributes = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            attributes.put(keys[i], values[i]);
        }
        return new HistoryItem(doc.get(ID), UserId.of(doc.get(USER)), doc.get(INPUT), doc.get(OUTPUT), ts,
                attributes);
    }
}
