package dev.hydra.core.pipeline;

import dev.hydra.api.HistoryItem;
import java.util.OptionalDouble;

/**
 * A history item that went into the prompt as a demonstration, with how it got there.
 *
 * @param item the item
 * @param rank its place among the demonstrations, from 0 (the first shown)
 * @param retrievalScore the retriever's score
 * @param rerankScore the reranker's score, when a reranker ordered the items
 * @since 0.1
 */
public record UsedItem(HistoryItem item, int rank, double retrievalScore, OptionalDouble rerankScore) {

    /** Validates the components. */
    public UsedItem {
        java.util.Objects.requireNonNull(item, "item");
        java.util.Objects.requireNonNull(rerankScore, "rerankScore");
    }
}
