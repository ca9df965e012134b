package dev.hydra.core.pipeline;

import dev.hydra.api.ChatTurn;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Role;
import dev.hydra.api.spi.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds HYDRA's few-shot chat prompt: the caller's system turns, then each demonstration as a user turn
 * (the item's input under the task's template) and an assistant turn (the item's output), best first, then
 * the conversation with its last user message under the task's template. No system message is added.
 *
 * @since 0.1
 */
public final class FewShotPrompts {

    private FewShotPrompts() {}

    /**
     * Builds a prompt.
     *
     * @param task the task whose template and demonstration format apply
     * @param demonstrations the history items to show, in order
     * @param messages the conversation; its last turn is the user's query
     * @return the prompt
     * @throws IllegalArgumentException when the conversation does not end with a user turn
     */
    public static Prompt build(TaskSpec task, List<HistoryItem> demonstrations, List<ChatTurn> messages) {
        if (messages.isEmpty() || messages.get(messages.size() - 1).role() != Role.USER) {
            throw new IllegalArgumentException("the conversation must end with a user message");
        }
        List<ChatTurn> turns = new ArrayList<>();
        messages.stream().filter(t -> t.role() == Role.SYSTEM).forEach(turns::add);
        for (HistoryItem item : demonstrations) {
            turns.addAll(task.demonstration(item));
        }
        List<ChatTurn> conversation = messages.stream().filter(t -> t.role() != Role.SYSTEM).toList();
        turns.addAll(conversation.subList(0, conversation.size() - 1));
        turns.add(ChatTurn.user(task.formatQuery(conversation.get(conversation.size() - 1).text())));
        return new Prompt(turns);
    }
}
