package dev.hydra.testkit;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A correct {@link HistoryStore} in memory, named {@code "memory"}: the default store of the retriever kit
 * and a stand-in for a real store in tests.
 *
 * <p>Items are kept per user and id; nothing survives {@link #close()}, so the durability clause of the
 * contract holds only for the life of the object. <b>Thread-safety:</b> safe for concurrent use; every
 * method sees the state before or after a concurrent {@link #addAll}, never a part of it.
 *
 * @since 0.1
 */
public final class InMemoryHistoryStore implements HistoryStore {

    /** Oldest first, then by id: the order of {@link #list}. */
    private static final Comparator<HistoryItem> OLDEST_FIRST = Comparator.comparing(HistoryItem::timestamp)
            .thenComparing(HistoryItem::id);

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<UserId, Map<String, HistoryItem>> items = new TreeMap<>();
    private boolean closed;

    /** Creates an empty store. */
    public InMemoryHistoryStore() {}

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void add(HistoryItem item) {
        addAll(List.of(Objects.requireNonNull(item, "item must not be null")));
    }

    @Override
    public void addAll(Collection<HistoryItem> newItems) {
        List<HistoryItem> copy = List.copyOf(Objects.requireNonNull(newItems, "items must not be null"));
        lock.writeLock().lock();
        try {
            checkOpen();
            for (HistoryItem item : copy) {
                items.computeIfAbsent(item.userId(), u -> new HashMap<>()).put(item.id(), item);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<HistoryItem> get(UserId user, String itemId) {
        Objects.requireNonNull(itemId, "itemId must not be null");
        return read(() -> Optional.ofNullable(items.getOrDefault(user, Map.of()).get(itemId)));
    }

    @Override
    public List<HistoryItem> list(UserId user) {
        return read(() -> {
            List<HistoryItem> list = new ArrayList<>(items.getOrDefault(user, Map.of()).values());
            list.sort(OLDEST_FIRST);
            return List.copyOf(list);
        });
    }

    @Override
    public int count(UserId user) {
        return read(() -> items.getOrDefault(user, Map.of()).size());
    }

    @Override
    public List<UserId> users() {
        return read(() -> List.copyOf(items.keySet()));
    }

    @Override
    public int forgetUser(UserId user) {
        Objects.requireNonNull(user, "user must not be null");
        lock.writeLock().lock();
        try {
            checkOpen();
            Map<String, HistoryItem> removed = items.remove(user);
            return removed == null ? 0 : removed.size();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            items.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(java.util.function.Supplier<T> reader) {
        lock.readLock().lock();
        try {
            checkOpen();
            return reader.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this InMemoryHistoryStore is closed");
        }
    }

    @Override
    public String toString() {
        return "InMemoryHistoryStore[users=" + users().size() + "]";
    }
}
