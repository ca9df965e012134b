package dev.hydra.it.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.Fields;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Reads every Lucene index under a folder through Lucene's own readers, so that what the codecs compress (stored
 * fields are LZ4 blocks, term suffixes may be too) is seen decoded: for every segment of every commit, the stored
 * fields of every document, deleted ones included (a reader still serves them by docID until a merge drops them),
 * every term of every indexed field, every value of the binary and sorted doc values, term vectors, and every
 * float vector. Files of an index directory that no commit references are counted, since no reader would show
 * them.
 */
final class IndexScan {

    private final Set<String> wantedCanaries;
    private final List<float[]> wantedVectors;
    private final Set<String> canaries = new HashSet<>();
    private final Set<Integer> vectors = new HashSet<>();
    private int indexes;
    private int segments;
    private long documents;
    private long deletedDocuments;
    private int filesOutsideCommits;

    private IndexScan(Set<String> wantedCanaries, List<float[]> wantedVectors) {
        this.wantedCanaries = wantedCanaries;
        this.wantedVectors = wantedVectors;
    }

    /**
     * Scans every index under a folder.
     *
     * @param root the folder; every directory under it that holds a Lucene index is read
     * @param canaries the canaries to look for (see {@link ByteScan})
     * @param vectors the vectors to look for, compared value by value
     * @return what was found
     */
    static IndexScan scan(Path root, Set<String> canaries, List<float[]> vectors) {
        IndexScan scan = new IndexScan(canaries, vectors);
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                try (Directory directory = FSDirectory.open(dir)) {
                    if (DirectoryReader.indexExists(directory)) {
                        scan.index(directory);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan the indexes under " + root, e);
        }
        return scan;
    }

    /** The canaries found in any decoded stored field, term, doc value or term vector. */
    Set<String> canaries() {
        return canaries;
    }

    /** How many of the wanted vectors a segment still holds. */
    int vectorsFound() {
        return vectors.size();
    }

    /** Lucene indexes read. */
    int indexes() {
        return indexes;
    }

    /** Segments read, over all commits of all indexes. */
    int segments() {
        return segments;
    }

    /** Documents read, deleted ones included. */
    long documents() {
        return documents;
    }

    /** Deleted documents whose stored fields were read. */
    long deletedDocuments() {
        return deletedDocuments;
    }

    /** Files in an index directory that no commit references (a lock file aside). */
    int filesOutsideCommits() {
        return filesOutsideCommits;
    }

    private void index(Directory directory) throws IOException {
        indexes++;
        Set<String> referenced = new HashSet<>();
        for (IndexCommit commit : DirectoryReader.listCommits(directory)) {
            referenced.addAll(commit.getFileNames());
            try (DirectoryReader reader = DirectoryReader.open(commit)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    segment(leaf.reader());
                }
            }
        }
        for (String file : directory.listAll()) {
            if (!referenced.contains(file) && !file.equals("write.lock")) {
                filesOutsideCommits++;
            }
        }
    }

    private void segment(LeafReader leaf) throws IOException {
        segments++;
        StoredFields stored = leaf.storedFields();
        TermVectors termVectors = leaf.termVectors();
        for (int doc = 0; doc < leaf.maxDoc(); doc++) {
            documents++;
            deletedDocuments += leaf.getLiveDocs() != null && !leaf.getLiveDocs().get(doc) ? 1 : 0;
            Document document = stored.document(doc);
            for (IndexableField field : document.getFields()) {
                look(field.stringValue());
                if (field.binaryValue() != null) {
                    look(field.binaryValue());
                }
            }
            Fields fields = termVectors.get(doc);
            if (fields != null) {
                for (String field : fields) {
                    terms(fields.terms(field));
                }
            }
        }
        for (FieldInfo field : leaf.getFieldInfos()) {
            if (field.getIndexOptions() != IndexOptions.NONE) {
                terms(leaf.terms(field.name));
            }
            docValues(leaf, field);
            if (field.getVectorDimension() > 0 && field.getVectorEncoding() == VectorEncoding.FLOAT32) {
                vectors(leaf.getFloatVectorValues(field.name));
            }
        }
    }

    private void docValues(LeafReader leaf, FieldInfo field) throws IOException {
        DocValuesType type = field.getDocValuesType();
        if (type == DocValuesType.SORTED) {
            enumerate(leaf.getSortedDocValues(field.name).termsEnum());
        } else if (type == DocValuesType.SORTED_SET) {
            enumerate(leaf.getSortedSetDocValues(field.name).termsEnum());
        } else if (type == DocValuesType.BINARY) {
            BinaryDocValues values = leaf.getBinaryDocValues(field.name);
            while (values.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                look(values.binaryValue());
            }
        } // numeric doc values hold numbers, never a text
    }

    private void terms(Terms terms) throws IOException {
        if (terms != null) {
            enumerate(terms.iterator());
        }
    }

    private void enumerate(TermsEnum terms) throws IOException {
        for (BytesRef term = terms.next(); term != null; term = terms.next()) {
            look(term);
        }
    }

    private void vectors(FloatVectorValues values) throws IOException {
        if (values == null) {
            return;
        }
        while (values.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
            float[] v = values.vectorValue();
            for (int i = 0; i < wantedVectors.size(); i++) {
                if (same(v, wantedVectors.get(i))) {
                    vectors.add(i);
                }
            }
        }
    }

    private static boolean same(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-6f) {
                return false;
            }
        }
        return true;
    }

    private void look(BytesRef bytes) {
        look(new String(bytes.bytes, bytes.offset, bytes.length, StandardCharsets.ISO_8859_1));
    }

    private void look(String text) {
        if (text != null) {
            canaries.addAll(ByteScan.findIn(text, wantedCanaries));
        }
    }

    /** The canaries of a set found by either scan: raw bytes of every file, or the indexes decoded. */
    static Set<String> visible(Path root, Set<String> canaries) {
        Set<String> out = new HashSet<>(ByteScan.find(root, canaries));
        out.addAll(scan(root, canaries, List.of()).canaries());
        return out;
    }
}
