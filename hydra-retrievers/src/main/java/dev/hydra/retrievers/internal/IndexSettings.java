package dev.hydra.retrievers.internal;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.spi.TextEncoder;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99ScalarQuantizedVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * How the history index is configured and what its commits record (format version and encoder), so that an
 * index is never read with the wrong encoder.
 */
public final class IndexSettings {

    /** The version of the document layout of {@link ItemDocuments}. */
    public static final String FORMAT = "1";

    private static final String FORMAT_KEY = "hydra.history.format";
    private static final String ENCODER_KEY = "hydra.history.encoder";
    private static final String DIMENSION_KEY = "hydra.history.dimension";
    private static final String NO_ENCODER = "";

    private IndexSettings() {}

    /**
     * The analyzer of the BM25 text field: English (standard tokenizer, lower case, stop words, Porter stemming).
     *
     * @return a new analyzer
     */
    public static Analyzer analyzer() {
        return new EnglishAnalyzer();
    }

    /**
     * The writer configuration. Vectors use a flat (graph-free) format: a user's items are few, so dense
     * retrieval scans them exactly, and building an HNSW graph at ingest would only cost time.
     *
     * @param analyzer the analyzer
     * @param encoder the encoder, when vectors are stored
     * @return the configuration
     */
    public static IndexWriterConfig writerConfig(Analyzer analyzer, Optional<TextEncoder> encoder) {
        KnnVectorsFormat flat = new Lucene99ScalarQuantizedVectorsFormat();
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(128)
                .setCommitOnClose(false)
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return flat;
                    }
                });
        return config;
    }

    /**
     * What every commit records.
     *
     * @param encoder the store's encoder
     * @return the commit user data
     */
    public static Map<String, String> commitData(Optional<TextEncoder> encoder) {
        return Map.of(
                FORMAT_KEY, FORMAT,
                ENCODER_KEY, encoder.map(TextEncoder::id).orElse(NO_ENCODER),
                DIMENSION_KEY, String.valueOf(encoder.map(TextEncoder::dimension).orElse(0)));
    }

    /**
     * Fails when an existing index has another format or was built with another encoder.
     *
     * @param directory the index directory
     * @param location its path, for messages
     * @param encoder the encoder it is about to be opened with
     * @throws IOException when the index cannot be read
     * @throws CorruptDataException when the index is not compatible
     */
    public static void checkCompatible(Directory directory, String location, Optional<TextEncoder> encoder)
            throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return;
        }
        Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
        String format = data.get(FORMAT_KEY);
        if (!FORMAT.equals(format)) {
            throw new CorruptDataException(location, format == null
                    ? "not a Hydra history index (no " + FORMAT_KEY + " in its commit)"
                    : "history index format " + format + ", this version reads format " + FORMAT);
        }
        String stored = data.getOrDefault(ENCODER_KEY, NO_ENCODER);
        String wanted = encoder.map(TextEncoder::id).orElse(NO_ENCODER);
        boolean hasItems;
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            hasItems = reader.numDocs() > 0;
        }
        if (hasItems && !stored.equals(wanted)) {
            throw new CorruptDataException(location, "the index holds "
                    + (stored.isEmpty() ? "no vectors" : "vectors of encoder " + stored) + " but is opened "
                    + (wanted.isEmpty() ? "without an encoder" : "with encoder " + wanted)
                    + "; open it with " + (stored.isEmpty() ? "no encoder" : "encoder " + stored)
                    + ", or ingest into a new directory");
        }
    }
}
