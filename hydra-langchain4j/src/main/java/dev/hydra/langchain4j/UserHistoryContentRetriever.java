package dev.hydra.langchain4j;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Retriever;
import dev.hydra.core.task.ChatTask;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A LangChain4j {@link ContentRetriever} over the asking user's history, through a Hydra {@link Retriever}: the
 * user is the query's chat memory id (AiServices' {@code @MemoryId}). Only that user's items are ever returned.
 *
 * <pre>{@code
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
 *         .contentRetriever(new UserHistoryContentRetriever(retriever, 5))
 *         .build();
 * }</pre>
 *
 * <p>Each item becomes a text segment {@code "input\noutput"} with metadata {@code hydra.itemId} and
 * {@code hydra.userId}, and the retriever's score as {@link ContentMetadata#SCORE}.
 *
 * @since 0.1
 */
public final class UserHistoryContentRetriever implements ContentRetriever {

    private final Retriever retriever;
    private final int maxResults;

    /**
     * Creates the content retriever.
     *
     * @param retriever the Hydra retriever over the history store
     * @param maxResults the most items per query, at least 1
     */
    public UserHistoryContentRetriever(Retriever retriever, int maxResults) {
        this.retriever = Objects.requireNonNull(retriever, "retriever must not be null");
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be >= 1, was " + maxResults);
        }
        this.maxResults = maxResults;
    }

    /**
     * Retrieves the user's best-matching history items.
     *
     * @param query the query; its metadata's chat memory id is the user
     * @return the items as contents, best first; empty for a blank query or a user without history
     * @throws IllegalArgumentException when there is no chat memory id or it is not a valid user id
     */
    @Override
    public List<Content> retrieve(Query query) {
        Object memoryId = query.metadata() == null ? null : query.metadata().chatMemoryId();
        if (memoryId == null) {
            throw new IllegalArgumentException("the query has no chat memory id to take the user from; "
                    + "give the AI service method a @MemoryId parameter");
        }
        UserId user = UserId.of(String.valueOf(memoryId));
        if (query.text() == null || query.text().isBlank()) {
            return List.of();
        }
        List<Scored<HistoryItem>> found = retriever.retrieve(
                new dev.hydra.api.Query(user, query.text(), ChatTask.NAME), maxResults);
        return found.stream()
                .filter(s -> s.value().userId().equals(user))
                .map(s -> Content.from(segment(s.value()), Map.of(ContentMetadata.SCORE, s.score())))
                .toList();
    }

    private static TextSegment segment(HistoryItem item) {
        return TextSegment.from(item.input() + "\n" + item.output(),
                Metadata.from(Map.of("hydra.itemId", item.id(), "hydra.userId", item.userId().value())));
    }
}
