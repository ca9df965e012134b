package dev.hydra.testkit.broken;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.testkit.InMemoryHistoryStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A history store that forwards to a correct one; broken stores override the method they break. */
class ForwardingHistoryStore implements HistoryStore {

    /** The correct store. */
    final HistoryStore delegate = new InMemoryHistoryStore();

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public void add(HistoryItem item) {
        delegate.add(item);
    }

    @Override
    public void addAll(Collection<HistoryItem> items) {
        items.forEach(this::add);
    }

    @Override
    public Optional<HistoryItem> get(UserId user, String itemId) {
        return delegate.get(user, itemId);
    }

    @Override
    public List<HistoryItem> list(UserId user) {
        return delegate.list(user);
    }

    @Override
    public int count(UserId user) {
        return delegate.count(user);
    }

    @Override
    public List<UserId> users() {
        return delegate.users();
    }

    @Override
    public int forgetUser(UserId user) {
        return delegate.forgetUser(user);
    }

    @Override
    public void compact() {
        delegate.compact();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
