package dev.hydra.langchain4j.internal;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.NotPersonalizedReason;
import dev.hydra.api.UserId;
import dev.hydra.langchain4j.HydraChatRequestParameters;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the decorators need to know about a LangChain4j request: whose it is, whether Hydra may answer it, its
 * turns, and the same request without any trace of the user id.
 */
public final class HydraRequests {

    /** The user message attribute that names the user. */
    public static final String USER_ID_ATTRIBUTE = "hydra.userId";

    private HydraRequests() {}

    /**
     * Copies the user id of Hydra parameters onto the last user message, where it survives any merge of
     * parameters (a provider's defaults, e.g. OpenAI's, drop parameter subtypes they do not know).
     *
     * @param request the request as the caller gave it
     * @return the request, with the id on its last user message when its parameters carry one
     */
    public static ChatRequest pinUserId(ChatRequest request) {
        if (!(request.parameters() instanceof HydraChatRequestParameters p) || p.userId().isEmpty()) {
            return request;
        }
        Optional<UserMessage> last = UserMessage.findLast(request.messages());
        if (last.isEmpty()) {
            return request;
        }
        Map<String, Object> attributes = new HashMap<>(last.get().attributes());
        attributes.put(USER_ID_ATTRIBUTE, p.userId().get().value());
        UserMessage pinned = last.get().toBuilder().attributes(attributes).build();
        return request.toBuilder().messages(UserMessage.replaceLast(request.messages(), pinned)).build();
    }

    /**
     * Finds the user of a request: its Hydra parameters, else the last user message's {@value #USER_ID_ATTRIBUTE}
     * attribute, else the default.
     *
     * @param request the request
     * @param defaultUser the user when the request names none; may be {@code null}
     * @return the user, or empty when there is none
     * @throws IllegalArgumentException when the attribute is not a valid user id; the message quotes it and the rule
     */
    public static Optional<UserId> userId(ChatRequest request, UserId defaultUser) {
        if (request.parameters() instanceof HydraChatRequestParameters p && p.userId().isPresent()) {
            return p.userId();
        }
        Optional<UserMessage> last = UserMessage.findLast(request.messages());
        Object attribute = last.map(m -> m.attributes().get(USER_ID_ATTRIBUTE)).orElse(null);
        if (attribute != null) {
            try {
                return Optional.of(UserId.of(String.valueOf(attribute)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("UserMessage attribute \"" + USER_ID_ATTRIBUTE + "\": "
                        + e.getMessage(), e);
            }
        }
        return Optional.ofNullable(defaultUser);
    }

    /**
     * The request without the user id: plain {@link DefaultChatRequestParameters} and no
     * {@value #USER_ID_ATTRIBUTE} attribute on any user message.
     *
     * @param request the request
     * @return the request the wrapped model may see
     */
    public static ChatRequest withoutUserId(ChatRequest request) {
        List<ChatMessage> messages = new ArrayList<>(request.messages().size());
        for (ChatMessage m : request.messages()) {
            if (m instanceof UserMessage u && u.attributes().containsKey(USER_ID_ATTRIBUTE)) {
                Map<String, Object> attributes = new HashMap<>(u.attributes());
                attributes.remove(USER_ID_ATTRIBUTE);
                messages.add(u.toBuilder().attributes(attributes).build());
            } else {
                messages.add(m);
            }
        }
        return ChatRequest.builder().messages(messages).parameters(plain(request.parameters())).build();
    }

    /**
     * Parameters of the same values, of the plain class.
     *
     * @param parameters the parameters, may be {@code null}
     * @return plain parameters
     */
    public static ChatRequestParameters plain(ChatRequestParameters parameters) {
        if (parameters == null) {
            return DefaultChatRequestParameters.EMPTY;
        }
        if (!(parameters instanceof HydraChatRequestParameters)) {
            return parameters;
        }
        return DefaultChatRequestParameters.builder().overrideWith(parameters).build();
    }

    /**
     * What a decorator does with one request.
     *
     * @param plain the request without any trace of the user id: what the delegate may see
     * @param user the request's user, if any
     * @param notPersonalized why the delegate answers alone, or empty when the pipeline runs
     * @param turns the conversation as Hydra's turns; empty when the delegate answers alone
     */
    public record Plan(ChatRequest plain, Optional<UserId> user, Optional<NotPersonalizedReason> notPersonalized,
            List<ChatTurn> turns) {

        /**
         * Plans a request.
         *
         * @param request the merged request
         * @param defaultUser the user when the request names none; may be {@code null}
         * @return the plan
         * @throws IllegalArgumentException when the request's user id is invalid; the message quotes it and the rule
         */
        public static Plan of(ChatRequest request, UserId defaultUser) {
            Optional<UserId> user = userId(request, defaultUser);
            ChatRequest plain = withoutUserId(request);
            Optional<NotPersonalizedReason> reason = notPersonalizedReason(plain, user);
            List<ChatTurn> turns = reason.isPresent() ? List.of() : HydraRequests.turns(plain.messages()).orElseThrow();
            return new Plan(plain, user, reason, turns);
        }
    }

    /**
     * Why Hydra must not answer a request itself, if it must not, in this order: no user, tools, a JSON response
     * format, messages that are not plain text ending with the user's, a blank user message.
     *
     * @param request the request without the user id
     * @param user the request's user, if any
     * @return the reason to pass it through, or empty when Hydra may answer it
     */
    public static Optional<NotPersonalizedReason> notPersonalizedReason(ChatRequest request, Optional<UserId> user) {
        ChatRequestParameters p = request.parameters();
        if (user.isEmpty()) {
            return Optional.of(NotPersonalizedReason.NO_USER);
        }
        if (p != null && p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
            return Optional.of(NotPersonalizedReason.TOOLS);
        }
        if (p != null && p.responseFormat() != null && p.responseFormat().type() == ResponseFormatType.JSON) {
            return Optional.of(NotPersonalizedReason.JSON_FORMAT);
        }
        if (turns(request.messages()).isPresent()) {
            return Optional.empty();
        }
        List<ChatMessage> messages = request.messages();
        boolean blank = !messages.isEmpty() && messages.get(messages.size() - 1) instanceof UserMessage u
                && u.hasSingleText() && u.singleText().isBlank();
        return Optional.of(blank ? NotPersonalizedReason.BLANK_MESSAGE : NotPersonalizedReason.NOT_PLAIN_TEXT);
    }

    /**
     * The conversation as Hydra's turns.
     *
     * @param messages the messages
     * @return the turns, or empty when a message is not plain text (images, tool calls and results) or the last
     *     is not a user message
     */
    public static Optional<List<ChatTurn>> turns(List<ChatMessage> messages) {
        List<ChatTurn> turns = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            if (m instanceof SystemMessage s) {
                turns.add(ChatTurn.system(s.text()));
            } else if (m instanceof UserMessage u && u.hasSingleText()) {
                turns.add(ChatTurn.user(u.singleText()));
            } else if (m instanceof AiMessage a && !a.hasToolExecutionRequests() && a.text() != null) {
                turns.add(ChatTurn.assistant(a.text()));
            } else {
                return Optional.empty();
            }
        }
        if (turns.isEmpty() || !(messages.get(messages.size() - 1) instanceof UserMessage)
                || turns.get(turns.size() - 1).text().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(turns);
    }
}
