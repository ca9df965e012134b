package dev.hydra.api;

/**
 * Why a request was answered without personalization. The LangChain4j decorator reports it in its response
 * metadata and a debug log line; anything that observes requests (a pipeline listener, a metrics binding) can carry
 * the same value.
 *
 * @since 0.1
 */
public enum NotPersonalizedReason {

    /** The request named no user, and the decorator has no default user. */
    NO_USER("no user id"),

    /** The request offers tools: the model must be free to call them, so it answers alone. */
    TOOLS("the request offers tools"),

    /** The request asks for a JSON response: few-shot demonstrations in plain text would spoil the format. */
    JSON_FORMAT("the request asks for a JSON response"),

    /** A message is not plain text (an image, a tool call or result), or the last one is not the user's. */
    NOT_PLAIN_TEXT("the messages are not plain text ending with a user message"),

    /** The last user message is blank: there is nothing to personalize for. */
    BLANK_MESSAGE("the user message is blank"),

    /**
     * No item of the user's history was used: the user has none yet, none matches the message, or the history
     * could not be read (then the result's degradations say so). The answer came from the plain prompt.
     */
    EMPTY_HISTORY("no item of the user's history was used");

    private final String description;

    NotPersonalizedReason(String description) {
        this.description = description;
    }

    /**
     * A short phrase for logs and messages, e.g. {@code "no user id"}.
     *
     * @return the description
     */
    public String description() {
        return description;
    }
}
