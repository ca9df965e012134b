package dev.hydra.retrievers.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;

/** The per-user queries of the Lucene history store; every one of them is filtered on the user's keyword. */
public final class Searches {

    /** The most distinct query terms a BM25 query uses (Lucene allows 1024 clauses). */
    static final int MAX_TERMS = 1000;

    private Searches() {}

    /**
     * BM25 over the user's items.
     *
     * @param searcher the searcher
     * @param analyzer the analyzer the text field was indexed with
     * @param user the user
     * @param text the query text
     * @param m the most items
     * @return the items, best first
     * @throws IOException when the index cannot be read
     */
    public static List<Scored<HistoryItem>> bm25(IndexSearcher searcher, Analyzer analyzer, UserId user,
            String text, int m) throws IOException {
        Set<String> terms = analyze(analyzer, text);
        if (terms.isEmpty() || m == 0) {
            return List.of();
        }
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        for (String t : terms) {
            should.add(new TermQuery(new Term(ItemDocuments.TEXT, t)), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery query = new BooleanQuery.Builder()
                .add(new TermQuery(ItemDocuments.userTerm(user)), BooleanClause.Occur.FILTER)
                .add(should.build(), BooleanClause.Occur.MUST)
                .build();
        TopDocs top = searcher.search(query, m);
        List<HistoryItem> items = loadAll(searcher, top.scoreDocs);
        List<Scored<HistoryItem>> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(new Scored<>(items.get(i), top.scoreDocs[i].score));
        }
        return out;
    }

    /**
     * Exact cosine over the user's stored vectors.
     *
     * @param searcher the searcher
     * @param user the user
     * @param query the query vector, L2-normalized
     * @param m the most items
     * @return the items, best first (ties by item id)
     * @throws IOException when the index cannot be read
     */
    public static List<Scored<HistoryItem>> nearest(IndexSearcher searcher, UserId user, float[] query, int m)
            throws IOException {
        if (m == 0) {
            return List.of();
        }
        Comparator<double[]> worstFirst = Comparator.comparingDouble((double[] e) -> e[0])
                .thenComparing((double[] e) -> -e[1]);
        PriorityQueue<double[]> heap = new PriorityQueue<>(worstFirst);
        Term userTerm = ItemDocuments.userTerm(user);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader reader = leaf.reader();
            PostingsEnum docs = reader.postings(userTerm, PostingsEnum.NONE);
            FloatVectorValues vectors = reader.getFloatVectorValues(ItemDocuments.VECTOR);
            if (docs == null || vectors == null) {
                continue;
            }
            Bits live = reader.getLiveDocs();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                int at = vectors.docID() < doc ? vectors.advance(doc) : vectors.docID();
                if (at != doc) {
                    continue;
                }
                double score = Vectors.cosine(query, vectors.vectorValue());
                heap.add(new double[] {score, leaf.docBase + doc});
                if (heap.size() > m) {
                    heap.poll();
                }
            }
        }
        ScoreDoc[] hits = new ScoreDoc[heap.size()];
        double[] scores = new double[hits.length];
        for (int i = 0; !heap.isEmpty(); i++) {
            double[] e = heap.poll();
            hits[i] = new ScoreDoc((int) e[1], (float) e[0]);
            scores[i] = e[0];
        }
        List<HistoryItem> items = loadAll(searcher, hits);
        List<Scored<HistoryItem>> out = new ArrayList<>(hits.length);
        for (int i = 0; i < hits.length; i++) {
            out.add(new Scored<>(items.get(i), scores[i]));
        }
        out.sort(Scored.<HistoryItem>bestFirst().thenComparing(s -> s.value().id()));
        return out;
    }

    /**
     * Reads the stored vectors of items, each only when the index holds that item unchanged.
     *
     * @param searcher the searcher
     * @param items the items
     * @return one entry per item, in order: a copy of its vector, or empty when the item is missing, differs
     *     from the stored one, or has no vector
     * @throws IOException when the index cannot be read
     */
    public static List<Optional<float[]>> vectors(IndexSearcher searcher, List<HistoryItem> items) throws IOException {
        List<Optional<float[]>> out = new ArrayList<>(items.size());
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (HistoryItem item : items) {
            out.add(vector(leaves, item));
        }
        return out;
    }

    /** The vector of the live document of an item, when it holds the item unchanged; looked up by its key term. */
    private static Optional<float[]> vector(List<LeafReaderContext> leaves, HistoryItem item) throws IOException {
        Term key = ItemDocuments.keyTerm(item.userId(), item.id());
        for (LeafReaderContext leaf : leaves) {
            LeafReader reader = leaf.reader();
            int doc = liveDoc(reader, key);
            if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                continue;
            }
            if (!holds(reader, doc, item)) {
                return Optional.empty();
            }
            FloatVectorValues vectors = reader.getFloatVectorValues(ItemDocuments.VECTOR);
            return vectors != null && vectors.advance(doc) == doc
                    ? Optional.of(vectors.vectorValue().clone()) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The first live document of a segment with a term, or {@link DocIdSetIterator#NO_MORE_DOCS}. */
    private static int liveDoc(LeafReader reader, Term term) throws IOException {
        org.apache.lucene.index.Terms terms = reader.terms(term.field());
        if (terms == null) {
            return DocIdSetIterator.NO_MORE_DOCS;
        }
        TermsEnum te = terms.iterator();
        if (!te.seekExact(term.bytes())) {
            return DocIdSetIterator.NO_MORE_DOCS;
        }
        PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
        Bits live = reader.getLiveDocs();
        for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
            if (live == null || live.get(d)) {
                return d;
            }
        }
        return DocIdSetIterator.NO_MORE_DOCS;
    }

    /** Whether a document holds exactly this item: by its content hash, or, for older documents, by loading it. */
    private static boolean holds(LeafReader reader, int doc, HistoryItem item) throws IOException {
        NumericDocValues hashes = reader.getNumericDocValues(ItemDocuments.CONTENT);
        if (hashes != null && hashes.advanceExact(doc)) {
            return hashes.longValue() == ItemDocuments.contentHash(item);
        }
        return item.equals(ItemDocuments.fromDocument(reader.storedFields().document(doc)));
    }

    /**
     * Loads the stored item of a document.
     *
     * @param searcher the searcher
     * @param doc the global document number
     * @return the item
     * @throws IOException when the index cannot be read
     */
    public static HistoryItem load(IndexSearcher searcher, int doc) throws IOException {
        return ItemDocuments.fromDocument(searcher.storedFields().document(doc));
    }

    /**
     * Loads the stored items of hits, reading the documents in index order (so that neighbouring documents share
     * one decompressed block), and returns them in the hits' order.
     *
     * @param searcher the searcher
     * @param hits the hits
     * @return the items, one per hit, in the hits' order
     * @throws IOException when the index cannot be read
     */
    public static List<HistoryItem> loadAll(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
        HistoryItem[] items = new HistoryItem[hits.length];
        org.apache.lucene.index.StoredFields stored = searcher.storedFields();
        for (int i : order) {
            items[i] = ItemDocuments.fromDocument(stored.document(hits[i].doc));
        }
        return java.util.Arrays.asList(items);
    }

    /**
     * Lists the users that have at least one live item.
     *
     * @param searcher the searcher
     * @return the user ids, sorted
     * @throws IOException when the index cannot be read
     */
    public static Set<String> users(IndexSearcher searcher) throws IOException {
        Set<String> users = new java.util.TreeSet<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader reader = leaf.reader();
            var terms = reader.terms(ItemDocuments.USER);
            if (terms == null) {
                continue;
            }
            Bits live = reader.getLiveDocs();
            TermsEnum te = terms.iterator();
            PostingsEnum pe = null;
            for (var term = te.next(); term != null; term = te.next()) {
                pe = te.postings(pe, PostingsEnum.NONE);
                for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        users.add(term.utf8ToString());
                        break;
                    }
                }
            }
        }
        return users;
    }

    private static Set<String> analyze(Analyzer analyzer, String text) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(ItemDocuments.TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            ts.end();
        }
        return terms;
    }
}
