package dev.hydra.api.spi;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A frozen text encoder: text in, a fixed-length vector out. Its vectors feed dense retrieval and the
 * features of the learned reranker and adapter.
 *
 * <p><b>Contract:</b> one vector per text, in order, each of length {@link #dimension()}, L2-normalized, and
 * the same text always gives the same vector. {@link #id()} names the model and its version; it is stored in
 * model manifests, so that a model trained on one encoder is never used with another.
 * <b>Thread-safety:</b> safe for concurrent use.
 *
 * @since 0.1
 */
@ConsumerType
public interface TextEncoder extends Plugin {

    /**
     * Encodes texts.
     *
     * @param texts the texts; never {@code null}, may be empty; an empty text is allowed
     * @return one vector per text
     */
    float[][] encode(List<String> texts);

    /**
     * The length of every vector.
     *
     * @return the dimension, at least 1
     */
    int dimension();

    /**
     * Identifies the model exactly (name and version).
     *
     * @return the id, e.g. {@code "all-minilm-l6-v2-q@1.19.0-beta29"}
     */
    String id();
}
