/**
 * The implementation of the Lucene history store and the retrievers: document mapping, index settings, the
 * retrievers themselves and BM25 Okapi. Not exported; use the providers of {@code dev.hydra.retrievers}.
 *
 * @since 0.1
 */
package dev.hydra.retrievers.internal;
