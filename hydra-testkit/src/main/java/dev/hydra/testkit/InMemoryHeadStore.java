package dev.hydra.testkit;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * A correct {@link HeadStore} in memory, named {@code "memory"}: a stand-in for a store on disk in tests of
 * the pipeline and trainers. Nothing survives the object, and nothing can be damaged, so {@link #load} never
 * throws {@link dev.hydra.api.CorruptDataException}. <b>Thread-safety:</b> safe for concurrent use.
 *
 * @since 0.1
 */
public final class InMemoryHeadStore implements HeadStore {

    /** The rule of module names: 1 to 64 characters of {@code [a-z0-9_-]}. */
    public static final String MODULE_RULE = "1 to 64 characters of [a-z0-9_-]";

    private static final Pattern MODULE = Pattern.compile("[a-z0-9_-]{1,64}");

    private final Map<String, ConcurrentSkipListMap<UserId, HeadParameters>> heads = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryHeadStore() {}

    /**
     * Checks a module name against {@link #MODULE_RULE}.
     *
     * @param module the name
     * @return the name
     * @throws IllegalArgumentException when the name breaks the rule
     */
    static String checkModule(String module) {
        if (module == null || !MODULE.matcher(module).matches()) {
            throw new IllegalArgumentException("invalid module name "
                    + (module == null ? "null" : '"' + module + '"') + ": a module name is " + MODULE_RULE);
        }
        return module;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Optional<HeadParameters> load(UserId user, String module) {
        Objects.requireNonNull(user, "user must not be null");
        return Optional.ofNullable(heads.getOrDefault(checkModule(module), new ConcurrentSkipListMap<>()).get(user));
    }

    @Override
    public void save(UserId user, String module, HeadParameters head) {
        Objects.requireNonNull(user, "user must not be null");
        Objects.requireNonNull(head, "head must not be null");
        heads.computeIfAbsent(checkModule(module), m -> new ConcurrentSkipListMap<>()).put(user, head);
    }

    @Override
    public boolean delete(UserId user, String module) {
        Objects.requireNonNull(user, "user must not be null");
        ConcurrentSkipListMap<UserId, HeadParameters> ofModule = heads.get(checkModule(module));
        return ofModule != null && ofModule.remove(user) != null;
    }

    @Override
    public List<UserId> users(String module) {
        ConcurrentSkipListMap<UserId, HeadParameters> ofModule = heads.get(checkModule(module));
        return ofModule == null ? List.of() : List.copyOf(ofModule.keySet());
    }

    @Override
    public int forgetUser(UserId user) {
        Objects.requireNonNull(user, "user must not be null");
        int removed = 0;
        for (ConcurrentSkipListMap<UserId, HeadParameters> ofModule : heads.values()) {
            if (ofModule.remove(user) != null) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public String toString() {
        return "InMemoryHeadStore[modules=" + heads.keySet() + "]";
    }
}
