package dev.hydra.api;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One past interaction of a user: what they were given ({@code input}) and what they produced or accepted
 * ({@code output}), e.g. an article and the headline its author wrote.
 *
 * <p>Retrievers match queries against {@link #retrievalText()}, which is the input unless the attribute
 * {@value #RETRIEVAL_TEXT} overrides it (LaMP-2N, for example, retrieves over title and text).
 *
 * @param id the item's id, unique within its user; 1 to 256 characters, no control characters
 * @param userId the owner; never {@code null}
 * @param input the input text; never {@code null}, may be empty
 * @param output the output text; never {@code null}, may be empty
 * @param timestamp when it happened; {@link Instant#EPOCH} when unknown
 * @param attributes extra fields (e.g. a title); copied, sorted, never {@code null}
 * @since 0.1
 */
public record HistoryItem(
        String id, UserId userId, String input, String output, Instant timestamp, Map<String, String> attributes) {

    /** The attribute that, when present, replaces the input as the text retrievers match against. */
    public static final String RETRIEVAL_TEXT = "retrieval_text";

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException when the id is blank, too long or holds control characters
     * @throws NullPointerException when a component is {@code null}
     */
    public HistoryItem {
        Checks.notBlank(id, "history item id");
        if (id.length() > 256 || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("invalid history item id " + Checks.quote(id)
                    + ": an item id is 1 to 256 characters without control characters");
        }
        Checks.notNull(userId, "userId");
        Checks.notNull(input, "input");
        Checks.notNull(output, "output");
        Checks.notNull(timestamp, "timestamp");
        Checks.notNull(attributes, "attributes");
        attributes.forEach((k, v) -> {
            Checks.notNull(k, "attribute name");
            Checks.notNull(v, "attribute " + k);
        });
        attributes = Map.copyOf(new TreeMap<>(attributes));
    }

    /**
     * Creates an item without timestamp or attributes.
     *
     * @param id the item id
     * @param userId the owner
     * @param input the input text
     * @param output the output text
     * @return the item
     */
    public static HistoryItem of(String id, UserId userId, String input, String output) {
        return new HistoryItem(id, userId, input, output, Instant.EPOCH, Map.of());
    }

    /**
     * Returns the text that retrievers match a query against.
     *
     * @return the attribute {@value #RETRIEVAL_TEXT} when present, else the input
     */
    public String retrievalText() {
        return attributes.getOrDefault(RETRIEVAL_TEXT, input);
    }
}
