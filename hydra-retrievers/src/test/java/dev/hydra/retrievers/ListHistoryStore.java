package dev.hydra.retrievers;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A minimal in-memory store, to show that the store-agnostic retrievers need nothing but the SPI. */
final class ListHistoryStore implements HistoryStore {

    private final Map<UserId, Map<String, HistoryItem>> items = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "list";
    }

    @Override
    public synchronized void add(HistoryItem item) {
        items.computeIfAbsent(item.userId(), u -> new ConcurrentHashMap<>()).put(item.id(), item);
    }

    @Override
    public synchronized void addAll(Collection<HistoryItem> all) {
        all.forEach(this::add);
    }

    @Override
    public Optional<HistoryItem> get(UserId user, String itemId) {
        return Optional.ofNullable(items.getOrDefault(user, Map.of()).get(itemId));
    }

    @Override
    public List<HistoryItem> list(UserId user) {
        return items.getOrDefault(user, Map.of()).values().stream()
                .sorted(Comparator.comparing(HistoryItem::timestamp).thenComparing(HistoryItem::id))
                .toList();
    }

    @Override
    public int count(UserId user) {
        return items.getOrDefault(user, Map.of()).size();
    }

    @Override
    public List<UserId> users() {
        return items.keySet().stream().sorted().toList();
    }

    @Override
    public synchronized int forgetUser(UserId user) {
        Map<String, HistoryItem> removed = items.remove(user);
        return removed == null ? 0 : removed.size();
    }

    @Override
    public void close() {}
}
