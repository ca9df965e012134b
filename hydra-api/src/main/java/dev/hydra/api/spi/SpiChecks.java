package dev.hydra.api.spi;

import dev.hydra.api.Candidate;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The checks that the default methods {@link Retriever#retrieve}, {@link Reranker#rerank} and {@link Adapter#score}
 * make around the implementation's method, so that no implementation and no caller repeats them. Every message
 * names the plugin, the argument or result at fault, and what to do instead.
 */
final class SpiChecks {

    private SpiChecks() {}

    static Query query(Query query, String role, Plugin plugin) {
        return Objects.requireNonNull(query, () -> role + " '" + plugin.name() + "': query must not be null");
    }

    static int notNegative(int value, String what, String instead, String role, Plugin plugin) {
        if (value < 0) {
            throw new IllegalArgumentException(role + " '" + plugin.name() + "': " + what + " must be >= 0, was "
                    + value + "; " + instead);
        }
        return value;
    }

    /** An unmodifiable copy of the list, after checking it and its elements for {@code null}. */
    static <T> List<T> elements(List<T> list, String what, String role, Plugin plugin) {
        Objects.requireNonNull(list, () -> role + " '" + plugin.name() + "': " + what
                + " must not be null; pass an empty list for none");
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(role + " '" + plugin.name() + "': " + what + " holds null at index " + i
                        + "; leave it out");
            }
        }
        return List.copyOf(list);
    }

    static <T> List<T> result(List<T> result, String method, String role, Plugin plugin) {
        if (result == null) {
            throw new IllegalStateException(role + " '" + plugin.name() + "' returned null from " + method
                    + "; return an empty list for none");
        }
        return result;
    }

    static List<Scored<HistoryItem>> retrieved(List<Scored<HistoryItem>> found, int m, Retriever retriever) {
        result(found, "doRetrieve", "retriever", retriever);
        if (found.size() > m) {
            throw new IllegalStateException("retriever '" + retriever.name() + "' returned " + found.size()
                    + " items for m = " + m + "; return at most m");
        }
        return found;
    }

    static List<Scored<HistoryItem>> reranked(List<Scored<HistoryItem>> kept, List<Scored<HistoryItem>> candidates,
            int k, Reranker reranker) {
        result(kept, "doRerank", "reranker", reranker);
        if (kept.size() > k) {
            throw new IllegalStateException("reranker '" + reranker.name() + "' kept " + kept.size()
                    + " items for k = " + k + "; keep at most k");
        }
        Set<HistoryItem> given = new HashSet<>();
        candidates.forEach(c -> given.add(c.value()));
        for (Scored<HistoryItem> s : kept) {
            if (s == null || !given.contains(s.value())) {
                throw new IllegalStateException("reranker '" + reranker.name() + "' returned "
                        + (s == null ? "null" : "item " + s.value().id()) + ", which was not among its "
                        + candidates.size() + " candidates; keep only candidates, as given");
            }
        }
        return kept;
    }

    static List<Scored<Candidate>> scored(List<Scored<Candidate>> scored, List<Candidate> candidates,
            Adapter adapter) {
        result(scored, "doScore", "adapter", adapter);
        if (scored.size() != candidates.size()) {
            throw new IllegalStateException("adapter '" + adapter.name() + "' returned " + scored.size()
                    + " scores for " + candidates.size() + " candidates; return one per candidate");
        }
        for (int i = 0; i < scored.size(); i++) {
            Scored<Candidate> s = scored.get(i);
            if (s == null || !s.value().equals(candidates.get(i))) {
                throw new IllegalStateException("adapter '" + adapter.name() + "' returned " + (s == null ? "null"
                        : "the score of sample " + s.value().sampleIndex()) + " at position " + i + ", where sample "
                        + candidates.get(i).sampleIndex() + " stands; return the scores in the order given");
            }
        }
        return scored;
    }
}
