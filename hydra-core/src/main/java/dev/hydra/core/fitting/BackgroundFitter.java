package dev.hydra.core.fitting;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fits users' heads in the background while the application serves: a new user once they have
 * {@link Builder#minItems enough history}, a fitted user again after {@link Builder#refitAfter enough new items},
 * one user at a time on a daemon thread of its own, from a bounded queue, within an {@link HourlyLlmBudget}.
 *
 * <pre>{@code
 * HourlyLlmBudget budget = HourlyLlmBudget.of(yourBackend, LlmBudget.ofCalls(200), Clock.systemUTC());
 * HydraTrainer trainer = HydraTrainer.builder().store(history).retriever(retriever).task(task)
 *         .backend(new CachingLlmBackend(budget, cache)).scorers(scorers).settingsOf(model).build();
 * try (BackgroundFitter fitter = BackgroundFitter.builder().store(history).budget(budget)
 *         .fitter(UserFitter.heads(trainer, model)).minItems(8).refitAfter(5).build()) {
 *     HistoryRecorder recorder = HistoryRecorder.builder().store(history).refitEvery(1, fitter::itemAdded).build();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Requests never wait for it.</b> {@link #offer} and {@link #itemAdded} return at once with a
 * {@link FitOffer}: queued, already queued, or refused (queue full, budget exhausted, too little history, not
 * enough new items, closed). A refused user is not lost: the next item recorded for them offers them again.
 *
 * <p><b>Promotion.</b> The {@link UserFitter} stores a user's own head only when it beats the shared head on the
 * user's held-out queries; every fit is reported ({@link #lastReport}, {@link Builder#onFitted}).
 *
 * <p><b>Budget.</b> A fit starts only when the hour has at least {@link UserFitter#callCeiling()} calls left, and
 * the {@link HourlyLlmBudget} refuses any call beyond the hour's budget in any case.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. {@link #close()} stops taking offers, drops the queued users
 * and waits for the fit in progress, which is never interrupted.
 *
 * @since 0.2
 */
public final class BackgroundFitter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BackgroundFitter.class.getName());

    private final HistoryStore store;
    private final UserFitter fitter;
    private final HourlyLlmBudget budget;
    private final Clock clock;
    private final int minItems;
    private final int refitAfter;
    private final int capacity;
    private final Duration closeTimeout;
    private final Consumer<UserFitReport> onFitted;
    private final Thread worker;

    private final Object lock = new Object();
    private final ArrayDeque<UserId> queue = new ArrayDeque<>();
    private final Set<UserId> queued = new HashSet<>();
    private final Set<UserId> fittedOnce = new HashSet<>();
    private final Map<UserId, Integer> itemsSinceFit = new HashMap<>();
    private final Map<UserId, UserFitReport> reports = new HashMap<>();
    private final Map<FitOffer, Long> offers = new EnumMap<>(FitOffer.class);
    private final Map<UserFitReport.Outcome, Long> outcomes = new EnumMap<>(UserFitReport.Outcome.class);
    private long fitCalls;
    private boolean fitting;
    private boolean closed;

    private BackgroundFitter(Builder b) {
        this.store = b.store;
        this.fitter = b.fitter;
        this.budget = b.budget;
        this.clock = b.clock;
        this.minItems = b.minItems;
        this.refitAfter = b.refitAfter;
        this.capacity = b.capacity;
        this.closeTimeout = b.closeTimeout;
        this.onFitted = b.onFitted;
        this.worker = new Thread(this::work, b.threadName);
        worker.setDaemon(true);
    }

    /**
     * Starts a builder.
     *
     * @return a builder; the store, the fitter and the budget are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Hears that one item was added to a user's history (for instance by {@code HistoryRecorder}'s
     * {@code refitEvery(1, fitter::itemAdded)}), and offers the user when they have enough items: at least
     * {@link Builder#minItems} for a user never fitted, {@link Builder#refitAfter} new ones since the last fit.
     *
     * @param user the user; never {@code null}
     * @return what became of the user; never waits
     */
    public FitOffer itemAdded(UserId user) {
        return itemsAdded(user, 1);
    }

    /**
     * Hears that items were added to a user's history (for instance by an ingest), as {@link #itemAdded}.
     *
     * @param user the user; never {@code null}
     * @param items how many, at least 1
     * @return what became of the user; never waits
     * @throws IllegalArgumentException when {@code items} is below 1
     */
    public FitOffer itemsAdded(UserId user, int items) {
        Objects.requireNonNull(user, "user must not be null");
        if (items < 1) {
            throw new IllegalArgumentException("items must be >= 1, was " + items + ": say how many items were added");
        }
        synchronized (lock) {
            int since = itemsSinceFit.merge(user, items, Integer::sum);
            if (fittedOnce.contains(user) && since < refitAfter && !closed) {
                return count(FitOffer.NOT_ENOUGH_NEW_ITEMS);
            }
        }
        return offer(user);
    }

    /**
     * Asks for a fit of the user: queued when they have at least {@link Builder#minItems} history items, are not
     * queued yet, the queue has room and this hour's budget can pay for a fit.
     *
     * @param user the user; never {@code null}
     * @return what became of the user; never waits
     */
    public FitOffer offer(UserId user) {
        Objects.requireNonNull(user, "user must not be null");
        synchronized (lock) {
            if (closed) {
                return count(FitOffer.CLOSED);
            }
            if (queued.contains(user)) {
                return count(FitOffer.ALREADY_QUEUED);
            }
        }
        if (store.count(user) < minItems) {
            return count(FitOffer.TOO_LITTLE_HISTORY);
        }
        if (!budgetAffordsAFit()) {
            return count(FitOffer.BUDGET_EXHAUSTED);
        }
        synchronized (lock) {
            if (closed) {
                return count(FitOffer.CLOSED);
            }
            if (queued.contains(user)) {
                return count(FitOffer.ALREADY_QUEUED);
            }
            if (queue.size() >= capacity) {
                return count(FitOffer.QUEUE_FULL);
            }
            queue.add(user);
            queued.add(user);
            lock.notifyAll();
            return count(FitOffer.QUEUED);
        }
    }

    private boolean budgetAffordsAFit() {
        long left = budget.callsLeftThisHour();
        return left > 0 && left >= fitter.callCeiling();
    }

    private FitOffer count(FitOffer offer) {
        synchronized (lock) {
            offers.merge(offer, 1L, Long::sum);
        }
        return offer;
    }

    private void work() {
        while (true) {
            UserId user;
            int taken;
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                user = queue.poll();
                queued.remove(user);
                taken = itemsSinceFit.getOrDefault(user, 0);
                itemsSinceFit.put(user, 0); // items recorded during the fit count towards the next one
                fitting = true;
            }
            UserFitReport report = fitOne(user);
            synchronized (lock) {
                reports.put(user, report);
                outcomes.merge(report.outcome(), 1L, Long::sum);
                fitCalls += report.calls();
                if (report.outcome() == UserFitReport.Outcome.OWN_HEAD
                        || report.outcome() == UserFitReport.Outcome.SHARED_HEAD) {
                    fittedOnce.add(user);
                } else {
                    itemsSinceFit.merge(user, taken, Integer::sum); // not fitted: the items still wait for a fit
                }
            }
            try {
                onFitted.accept(report);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the onFitted listener failed on " + report.message(), e);
            }
            synchronized (lock) {
                fitting = false; // after the listener: awaitIdle returns once every report was heard
                lock.notifyAll();
            }
        }
    }

    private UserFitReport fitOne(UserId user) {
        int items;
        long before = budget.totalCalls();
        try {
            items = store.count(user);
            if (!budgetAffordsAFit()) {
                return new UserFitReport(user, UserFitReport.Outcome.BUDGET_EXHAUSTED, Set.of(), 0, items,
                        clock.instant(), user + ": not fitted, this hour's budget of " + budget.perHour() + " has "
                                + budget.callsLeftThisHour() + " calls left and a fit may take "
                                + fitter.callCeiling());
            }
            Set<String> own = fitter.fit(user);
            long calls = budget.totalCalls() - before;
            return own.isEmpty()
                    ? new UserFitReport(user, UserFitReport.Outcome.SHARED_HEAD, own, calls, items, clock.instant(),
                            user + ": keeps the shared head (their own did not beat it on their held-out queries), "
                                    + calls + " calls, " + items + " items")
                    : new UserFitReport(user, UserFitReport.Outcome.OWN_HEAD, own, calls, items, clock.instant(),
                            user + ": own head in " + own + ", " + calls + " calls, " + items + " items");
        } catch (RuntimeException e) {
            return new UserFitReport(user, UserFitReport.Outcome.FAILED, Set.of(), budget.totalCalls() - before, -1,
                    clock.instant(), user + ": fit failed, heads as they were: " + e);
        }
    }

    /**
     * Waits until the queue is empty and no fit runs (for tests, benchmarks and orderly shutdown).
     *
     * @param timeout how long to wait at most; never {@code null}
     * @return true when idle, false when the timeout passed first
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!queue.isEmpty() || fitting) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /**
     * The report of the user's latest fit, if they were fitted.
     *
     * @param user the user; never {@code null}
     * @return the report, or {@code null} when the user was never fitted by this fitter
     */
    public UserFitReport lastReport(UserId user) {
        synchronized (lock) {
            return reports.get(Objects.requireNonNull(user, "user must not be null"));
        }
    }

    /**
     * What this fitter has done so far.
     *
     * @return the counts
     */
    public Stats stats() {
        synchronized (lock) {
            return new Stats(Map.copyOf(offers), Map.copyOf(outcomes), fitCalls, queue.size());
        }
    }

    /**
     * What a fitter has done so far.
     *
     * @param offers the offers, by what became of them
     * @param fits the fits, by outcome
     * @param calls the LLM calls the fits made
     * @param queued the users waiting now
     * @since 0.2
     */
    public record Stats(Map<FitOffer, Long> offers, Map<UserFitReport.Outcome, Long> fits, long calls, int queued) {

        /**
         * The fits that ended with the user fitted (an own head or the shared one kept).
         *
         * @return how many
         */
        public long usersFitted() {
            return fits.getOrDefault(UserFitReport.Outcome.OWN_HEAD, 0L)
                    + fits.getOrDefault(UserFitReport.Outcome.SHARED_HEAD, 0L);
        }
    }

    /**
     * Stops taking offers, drops the users still queued and waits for the fit in progress (never interrupted).
     *
     * @throws IllegalStateException when the fit in progress does not end within the close timeout
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queued.clear();
            lock.notifyAll();
        }
        try {
            worker.join(closeTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            throw new IllegalStateException("the background fitter's fit in progress did not end within "
                    + closeTimeout + "; its thread " + worker.getName() + " is a daemon and ends with the JVM");
        }
    }

    /** Builds a {@link BackgroundFitter} and starts its thread. */
    public static final class Builder {

        private HistoryStore store;
        private UserFitter fitter;
        private HourlyLlmBudget budget;
        private Clock clock = Clock.systemUTC();
        private int minItems = 8;
        private int refitAfter = 5;
        private int capacity = 1_000;
        private Duration closeTimeout = Duration.ofMinutes(1);
        private String threadName = "hydra-background-fitter";
        private Consumer<UserFitReport> onFitted = report -> {};

        private Builder() {}

        /**
         * The users' histories, whose sizes decide who is fitted (required).
         *
         * @param store the store; never {@code null}
         * @return this builder
         */
        public Builder store(HistoryStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /**
         * What fits a user (required), e.g. {@link UserFitter#heads}.
         *
         * @param fitter the fitter; never {@code null}
         * @return this builder
         */
        public Builder fitter(UserFitter fitter) {
            this.fitter = Objects.requireNonNull(fitter, "fitter must not be null");
            return this;
        }

        /**
         * The per-hour budget that the fitter's LLM calls go through (required): the same instance the
         * {@link UserFitter}'s trainer calls, so that the fitter can tell what a fit cost and what is left.
         *
         * @param budget the budget; never {@code null}
         * @return this builder
         */
        public Builder budget(HourlyLlmBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget must not be null");
            return this;
        }

        /**
         * The clock of the reports (default UTC); give the budget's clock.
         *
         * @param clock the clock; never {@code null}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * The history items a user needs before their first fit (default 8).
         *
         * @param items at least 2: a pseudo-query needs one item as the query and one as a neighbour
         * @return this builder
         */
        public Builder minItems(int items) {
            if (items < 2) {
                throw new IllegalArgumentException("minItems must be >= 2, was " + items
                        + ": a pseudo-query needs one item as the query and another as its neighbour");
            }
            this.minItems = items;
            return this;
        }

        /**
         * The new items after which a fitted user is fitted again (default 5).
         *
         * @param items at least 1
         * @return this builder
         */
        public Builder refitAfter(int items) {
            if (items < 1) {
                throw new IllegalArgumentException("refitAfter must be >= 1 item, was " + items);
            }
            this.refitAfter = items;
            return this;
        }

        /**
         * The most users waiting at once (default 1,000); an offer beyond it returns {@link FitOffer#QUEUE_FULL}.
         *
         * @param users at least 1
         * @return this builder
         */
        public Builder queueCapacity(int users) {
            if (users < 1) {
                throw new IllegalArgumentException("queueCapacity must be >= 1 user, was " + users);
            }
            this.capacity = users;
            return this;
        }

        /**
         * How long {@link #close()} waits for the fit in progress (default one minute).
         *
         * @param timeout the timeout; never {@code null}
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "closeTimeout must not be null");
            return this;
        }

        /**
         * The name of the fitter's thread (default {@code hydra-background-fitter}).
         *
         * @param name the name; never blank
         * @return this builder
         */
        public Builder threadName(String name) {
            if (Objects.requireNonNull(name, "threadName must not be null").isBlank()) {
                throw new IllegalArgumentException("threadName must not be blank");
            }
            this.threadName = name;
            return this;
        }

        /**
         * Hears every fit's report, on the fitter's thread; a listener that throws is logged and ignored.
         *
         * @param listener the listener; never {@code null}
         * @return this builder
         */
        public Builder onFitted(Consumer<UserFitReport> listener) {
            this.onFitted = Objects.requireNonNull(listener, "onFitted must not be null");
            return this;
        }

        /**
         * Builds the fitter and starts its thread.
         *
         * @return the running fitter; close it
         * @throws IllegalStateException when a required part is missing; the message says what to set
         */
        public BackgroundFitter build() {
            require(store, "store", "store(historyStore)");
            require(fitter, "fitter", "fitter(UserFitter.heads(trainer, model))");
            require(budget, "budget", "budget(HourlyLlmBudget.of(backend, LlmBudget.ofCalls(200), clock))");
            BackgroundFitter built = new BackgroundFitter(this);
            built.worker.start();
            return built;
        }

        private static void require(Object part, String name, String setter) {
            if (part == null) {
                throw new IllegalStateException(name + " is required: BackgroundFitter.builder()." + setter);
            }
        }
    }
}
