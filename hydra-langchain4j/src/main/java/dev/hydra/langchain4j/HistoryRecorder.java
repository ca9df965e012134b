package dev.hydra.langchain4j;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learning from use: records what a user accepted (or wrote) into their history, so the next query can draw
 * on it, and asks for a refit of the user's heads after every {@code refitEvery} new items.
 *
 * <pre>{@code
 * HistoryRecorder recorder = HistoryRecorder.builder().store(store)
 *         .refitEvery(20, user -> trainer.fitLater(user))   // hand off; do not train on the caller's thread
 *         .build();
 * recorder.record(UserId.of("alice"), "Title for my post on tyres?", "Why tubeless tyres win");
 * }</pre>
 *
 * <p>The refit callback runs on the recording thread, once per {@code refitEvery} items of that user; a failure
 * of the callback is logged and never undoes the recording. <b>Thread-safety:</b> safe for concurrent use when
 * the store is.
 *
 * @since 0.1
 */
public final class HistoryRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorder.class);

    private final HistoryStore store;
    private final int refitEvery;
    private final Consumer<UserId> refit;
    private final Clock clock;
    private final Map<UserId, AtomicInteger> sinceRefit = new ConcurrentHashMap<>();

    private HistoryRecorder(Builder b) {
        this.store = b.store;
        this.refitEvery = b.refitEvery;
        this.refit = b.refit;
        this.clock = b.clock;
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@link Builder#store} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds an item to the user's history: an input and what the user accepted or wrote for it.
     *
     * @param user the user; never {@code null}
     * @param input what the user was given or asked, e.g. their message; never {@code null}
     * @param output what they accepted or wrote, e.g. the answer they kept or their own text; never {@code null}
     * @return the stored item (its id is {@code accepted-<uuid>})
     * @throws dev.hydra.api.HydraException when the store cannot keep it
     */
    public HistoryItem record(UserId user, String input, String output) {
        Objects.requireNonNull(user, "user must not be null");
        HistoryItem item = new HistoryItem("accepted-" + UUID.randomUUID(), user,
                Objects.requireNonNull(input, "input must not be null"),
                Objects.requireNonNull(output, "output must not be null"), clock.instant(), Map.of());
        store.add(item);
        if (refit != null) {
            AtomicInteger count = sinceRefit.computeIfAbsent(user, u -> new AtomicInteger());
            if (count.incrementAndGet() % refitEvery == 0) {
                try {
                    refit.accept(user);
                } catch (RuntimeException e) {
                    LOG.warn("refit of user {} failed; the recorded item is kept", user, e);
                }
            }
        }
        return item;
    }

    /**
     * The store this recorder writes to.
     *
     * @return the store
     */
    public HistoryStore store() {
        return store;
    }

    /** Builds a {@link HistoryRecorder}. */
    public static final class Builder {

        private HistoryStore store;
        private int refitEvery = Integer.MAX_VALUE;
        private Consumer<UserId> refit;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The store the items go to (required); the pipeline's retriever should read it.
         *
         * @param store the store; never {@code null}
         * @return this builder
         */
        public Builder store(HistoryStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /**
         * Asks for a refit of a user's heads after every {@code items} new items of that user.
         *
         * @param items at least 1
         * @param refit called with the user; should hand the work off (the trainer lives elsewhere)
         * @return this builder
         */
        public Builder refitEvery(int items, Consumer<UserId> refit) {
            if (items < 1) {
                throw new IllegalArgumentException("refitEvery must be >= 1 item, was " + items);
            }
            this.refitEvery = items;
            this.refit = Objects.requireNonNull(refit, "refit must not be null");
            return this;
        }

        /**
         * The clock that timestamps items (default UTC system clock).
         *
         * @param clock the clock; never {@code null}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Builds the recorder.
         *
         * @return the recorder
         * @throws IllegalStateException when no store was set
         */
        public HistoryRecorder build() {
            if (store == null) {
                throw new IllegalStateException("store is required: HistoryRecorder.builder().store(...)");
            }
            return new HistoryRecorder(this);
        }
    }
}
