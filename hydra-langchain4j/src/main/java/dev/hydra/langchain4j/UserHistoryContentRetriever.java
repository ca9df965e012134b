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

/**
 * A LangChain4j {@link ContentRetriever} over the asking user's history, through a Hydra {@link Retriever}: the
 * user is the query's chat memory id (AiServices' {@code @MemoryId}). Only that user's items are ever returned.
 *
 * <pre>{@code
 * Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
 *         .contentRetriever(UserHistoryContentRetriever.builder().retriever(retriever).maxResults(5).build())
 *         .build();
 * }</pre>
 *
 * <p>Each item becomes a text segment {@code "input\noutput"} with metadata {@code hydra.itemId} and
 * {@code hydra.userId}, and the retriever's score as {@link ContentMetadata#SCORE}.
 *
 * @since 0.1
 */
public final class UserHistoryContentRetriever implements ContentRetriever {

    /** The most items per query when {@link Builder#maxResults} is not set: 3, as LangChain4j's retrievers. */
    public static final int DEFAULT_MAX_RESULTS = 3;

    private final Retriever retriever;
    private final int maxResults;

    private UserHistoryContentRetriever(Retriever retriever, int maxResults) {
        this.retriever = retriever;
        this.maxResults = maxResults;
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#retriever} is required
     */
    public static Builder builder() {
        return new Builder();
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

    /** Builds a {@link UserHistoryContentRetriever}; {@link #build()} checks every setting. */
    public static final class Builder {

        private Retriever retriever;
        private Integer maxResults;

        private Builder() {}

        /**
         * The Hydra retriever over the history store (required), e.g. one a {@code RetrieverProvider} created.
         *
         * @param retriever the retriever
         * @return this builder
         */
        public Builder retriever(Retriever retriever) {
            this.retriever = retriever;
            return this;
        }

        /**
         * The most items per query (default {@value UserHistoryContentRetriever#DEFAULT_MAX_RESULTS}).
         *
         * @param maxResults at least 1
         * @return this builder
         */
        public Builder maxResults(Integer maxResults) {
            this.maxResults = maxResults;
            return this;
        }

        /**
         * Builds the content retriever.
         *
         * @return the content retriever
         * @throws IllegalStateException when the retriever is missing; the message shows how to set it
         * @throws IllegalArgumentException when maxResults is below 1
         */
        public UserHistoryContentRetriever build() {
            if (retriever == null) {
                throw new IllegalStateException("retriever is required: UserHistoryContentRetriever.builder()"
                        + ".retriever(retriever), e.g. new Bm25RetrieverProvider().create(RetrieverContext.of(store))");
            }
            int max = maxResults == null ? DEFAULT_MAX_RESULTS : maxResults;
            if (max < 1) {
                throw new IllegalArgumentException("maxResults must be >= 1, was " + max
                        + ": give the most history items per query, or leave it unset for "
                        + DEFAULT_MAX_RESULTS);
            }
            return new UserHistoryContentRetriever(retriever, max);
        }
    }
}
