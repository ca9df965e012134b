/**
 * The Lucene history store and the built-in retrievers.
 *
 * <p>{@link dev.hydra.retrievers.LuceneHistoryStore} is the embedded default
 * {@link dev.hydra.api.spi.HistoryStore}: one on-disk index under {@code $HYDRA_HOME/history}. The retrievers,
 * each a {@link dev.hydra.api.spi.RetrieverProvider} listed in {@code META-INF/services} and a Declarative
 * Services component, are {@code bm25} (Lucene BM25), {@code bm25-okapi} (rank_bm25's BM25 Okapi, as LaMP and
 * HYDRA retrieve; any store), {@code dense} (exact cosine of encoder vectors), {@code hybrid} (reciprocal rank
 * fusion of the two) and {@code recency} (newest first; any store).
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package dev.hydra.retrievers;
