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

    /**
     * A prompt built within a word budget, and the demonstrations it kept.
     *
     * @param prompt the prompt
     * @param kept the demonstrations in it, in the order given
     * @param dropped how many demonstrations were left out to fit the budget
     * @since 0.2
     */
    public record Fitted(Prompt prompt, List<HistoryItem> kept, int dropped) {}

    /**
     * Builds a prompt that holds at most {@code maxWords} words (white-space separated, over every turn), leaving
     * out the oldest demonstrations first (by timestamp; the later in the list on a tie) until it fits; the query
     * itself is never cut. A small model's context overflows silently otherwise.
     *
     * @param task the task
     * @param demonstrations the demonstrations, in order
     * @param messages the conversation
     * @param maxWords the budget; 0 for none
     * @return the prompt, what it kept, and how many were dropped
     * @throws IllegalArgumentException when the budget is negative or the conversation does not end with a user turn
     */
    public static Fitted build(TaskSpec task, List<HistoryItem> demonstrations, List<ChatTurn> messages, int maxWords) {
        if (maxWords < 0) {
            throw new IllegalArgumentException("the prompt budget must be >= 0 words (0: none), was " + maxWords);
        }
        List<HistoryItem> kept = new ArrayList<>(demonstrations);
        Prompt prompt = build(task, kept, messages);
        while (maxWords > 0 && !kept.isEmpty() && words(prompt) > maxWords) {
            HistoryItem oldest = kept.get(kept.size() - 1);
            for (HistoryItem item : kept) {
                if (item.timestamp().isBefore(oldest.timestamp())) {
                    oldest = item;
                }
            }
            kept.remove(oldest);
            prompt = build(task, kept, messages);
        }
        return new Fitted(prompt, List.copyOf(kept), demonstrations.size() - kept.size());
    }

    private static int words(Prompt prompt) {
        int n = 0;
        for (ChatTurn t : prompt.turns()) {
            String text = t.text().strip();
            n += text.isEmpty() ? 0 : text.split("\\s+").length;
        }
        return n;
    }
}
