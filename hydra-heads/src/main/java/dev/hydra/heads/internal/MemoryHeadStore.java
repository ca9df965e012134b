package dev.hydra.heads.internal;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Heads in memory, for a scorer that lives only as long as one fold of the trainer's cross-fitting
 * ({@link dev.hydra.heads.DjlScorerFactory#isolated()}): nothing is written anywhere, nothing survives the object.
 * <b>Thread-safety:</b> safe for concurrent use.
 */
public final class MemoryHeadStore implements HeadStore {

    private final Map<String, Map<UserId, HeadParameters>> heads = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Optional<HeadParameters> load(UserId user, String module) {
        Objects.requireNonNull(user, "user must not be null");
        Map<UserId, HeadParameters> ofModule = heads.get(module);
        return ofModule == null ? Optional.empty() : Optional.ofNullable(ofModule.get(user));
    }

    @Override
    public void save(UserId user, String module, HeadParameters head) {
        Objects.requireNonNull(user, "user must not be null");
        Objects.requireNonNull(head, "head must not be null");
        heads.computeIfAbsent(module, m -> new ConcurrentHashMap<>()).put(user, head);
    }

    @Override
    public boolean delete(UserId user, String module) {
        Map<UserId, HeadParameters> ofModule = heads.get(module);
        return ofModule != null && ofModule.remove(user) != null;
    }

    @Override
    public List<UserId> users(String module) {
        Map<UserId, HeadParameters> ofModule = heads.get(module);
        return ofModule == null ? List.of() : ofModule.keySet().stream().sorted().toList();
    }

    @Override
    public int forgetUser(UserId user) {
        int removed = 0;
        for (Map<UserId, HeadParameters> ofModule : heads.values()) {
            removed += ofModule.remove(user) != null ? 1 : 0;
        }
        return removed;
    }
}
