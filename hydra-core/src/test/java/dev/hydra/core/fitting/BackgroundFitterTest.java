package dev.hydra.core.fitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.UserId;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundFitterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final UserId ANA = UserId.of("ana");
    private static final UserId BEN = UserId.of("ben");
    private static final UserId CAL = UserId.of("cal");

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    private final ScriptedLlmBackend llm = ScriptedLlmBackend.answering("label");
    private final AtomicInteger itemIds = new AtomicInteger();
    private BackgroundFitter fitter;

    /** A fitter that spends a fixed number of calls through the budget and says which heads the user won. */
    private final class ScriptedFitter implements UserFitter {
        final HourlyLlmBudget budget;
        final int calls;
        final Map<UserId, Set<String>> wins = new ConcurrentHashMap<>();
        final List<UserId> fitted = new CopyOnWriteArrayList<>();
        volatile CountDownLatch started = new CountDownLatch(0);
        volatile CountDownLatch release = new CountDownLatch(0);

        ScriptedFitter(HourlyLlmBudget budget, int calls) {
            this.budget = budget;
            this.calls = calls;
        }

        @Override
        public Set<String> fit(UserId user) {
            started.countDown();
            try {
                assertTrue(release.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the test never released the fit");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            budget.generate(Prompt.ofUser("label for " + user), Sampling.greedy(4).withN(calls));
            fitted.add(user);
            if (user.equals(CAL) && wins.get(CAL) == null) {
                throw new IllegalStateException("scripted failure for cal");
            }
            return wins.getOrDefault(user, Set.of("reranker"));
        }

        @Override
        public long callCeiling() {
            return calls;
        }
    }

    @AfterEach
    void close() {
        if (fitter != null) {
            fitter.close();
        }
    }

    private void history(UserId user, int items) {
        for (int i = 0; i < items; i++) {
            store.add(HistoryItem.of("i" + itemIds.incrementAndGet(), user, "input " + i, "output " + i));
        }
    }

    private BackgroundFitter.Builder fitterWith(ScriptedFitter scripted) {
        return BackgroundFitter.builder().store(store).budget(scripted.budget).fitter(scripted).clock(clock)
                .minItems(3).refitAfter(2).threadName("test-fitter");
    }

    private ScriptedFitter scripted(long callsPerHour, int callsPerFit) {
        return new ScriptedFitter(HourlyLlmBudget.of(llm, LlmBudget.ofCalls(callsPerHour), clock), callsPerFit);
    }

    @Test
    void should_fit_a_new_user_only_once_they_have_the_minimum_history() throws Exception {
        // given
        ScriptedFitter scripted = scripted(100, 4);
        fitter = fitterWith(scripted).build();
        history(ANA, 2);

        // when
        FitOffer early = fitter.itemAdded(ANA);
        history(ANA, 1);
        FitOffer enough = fitter.itemAdded(ANA);
        assertTrue(fitter.awaitIdle(WAIT));

        // then
        assertEquals(FitOffer.TOO_LITTLE_HISTORY, early);
        assertEquals(FitOffer.QUEUED, enough);
        UserFitReport report = fitter.lastReport(ANA);
        assertEquals(UserFitReport.Outcome.OWN_HEAD, report.outcome());
        assertEquals(Set.of("reranker"), report.ownHeads());
        assertEquals(4, report.calls());
        assertEquals(3, report.historyItems());
        assertEquals(List.of(ANA), scripted.fitted);
    }

    @Test
    void should_refit_a_fitted_user_after_the_given_number_of_new_items() throws Exception {
        // given
        ScriptedFitter scripted = scripted(100, 1);
        fitter = fitterWith(scripted).build();
        history(ANA, 3);
        assertEquals(FitOffer.QUEUED, fitter.offer(ANA));
        assertTrue(fitter.awaitIdle(WAIT));

        // when
        history(ANA, 1);
        FitOffer one = fitter.itemAdded(ANA);
        history(ANA, 1);
        FitOffer two = fitter.itemAdded(ANA);
        assertTrue(fitter.awaitIdle(WAIT));

        // then
        assertEquals(FitOffer.NOT_ENOUGH_NEW_ITEMS, one);
        assertEquals(FitOffer.QUEUED, two);
        assertEquals(List.of(ANA, ANA), scripted.fitted);
        assertEquals(5, fitter.lastReport(ANA).historyItems());
        assertEquals(2, fitter.stats().usersFitted());
    }

    @Test
    void should_answer_offers_at_once_with_back_pressure_while_a_fit_runs() throws Exception {
        // given
        ScriptedFitter scripted = scripted(100, 1);
        scripted.started = new CountDownLatch(1);
        scripted.release = new CountDownLatch(1);
        fitter = fitterWith(scripted).queueCapacity(1).build();
        history(ANA, 3);
        history(BEN, 3);
        history(CAL, 3);
        assertEquals(FitOffer.QUEUED, fitter.offer(ANA));
        assertTrue(scripted.started.await(WAIT.toSeconds(), TimeUnit.SECONDS), "ana's fit never started");

        // when: ana's fit is blocked, and offers still return
        FitOffer ben = fitter.offer(BEN);
        FitOffer benAgain = fitter.itemAdded(BEN);
        FitOffer cal = fitter.offer(CAL);
        scripted.release.countDown();
        assertTrue(fitter.awaitIdle(WAIT));

        // then
        assertEquals(FitOffer.QUEUED, ben);
        assertEquals(FitOffer.ALREADY_QUEUED, benAgain);
        assertEquals(FitOffer.QUEUE_FULL, cal);
        assertEquals(List.of(ANA, BEN), scripted.fitted);
        assertNull(fitter.lastReport(CAL), "a user refused for a full queue was fitted");
        assertEquals(1L, fitter.stats().offers().get(FitOffer.QUEUE_FULL));
    }

    @Test
    void should_never_spend_more_than_the_hours_budget_and_fit_again_in_the_next_hour() throws Exception {
        // given: 10 calls an hour, 4 per fit
        ScriptedFitter scripted = scripted(10, 4);
        fitter = fitterWith(scripted).build();
        history(ANA, 3);
        history(BEN, 3);
        history(CAL, 3);
        scripted.wins.put(CAL, Set.of("adapter"));
        assertEquals(FitOffer.QUEUED, fitter.offer(ANA));
        assertEquals(FitOffer.QUEUED, fitter.offer(BEN));
        assertTrue(fitter.awaitIdle(WAIT));

        // when
        FitOffer refused = fitter.offer(CAL);
        long callsInFirstHour = llm.samples();
        clock.advance(Duration.ofHours(1));
        FitOffer nextHour = fitter.offer(CAL);
        assertTrue(fitter.awaitIdle(WAIT));

        // then
        assertEquals(FitOffer.BUDGET_EXHAUSTED, refused);
        assertEquals(8, callsInFirstHour);
        assertEquals(FitOffer.QUEUED, nextHour);
        assertEquals(Set.of("adapter"), fitter.lastReport(CAL).ownHeads());
        assertEquals(12, llm.samples());
        assertEquals(12, fitter.stats().calls());
    }

    @Test
    void should_report_that_a_user_keeps_the_shared_head_when_their_own_does_not_beat_it() throws Exception {
        // given
        ScriptedFitter scripted = scripted(100, 2);
        scripted.wins.put(BEN, Set.of());
        List<UserFitReport> heard = new CopyOnWriteArrayList<>();
        fitter = fitterWith(scripted).onFitted(heard::add).build();
        history(BEN, 4);

        // when
        fitter.offer(BEN);
        assertTrue(fitter.awaitIdle(WAIT));

        // then
        UserFitReport report = fitter.lastReport(BEN);
        assertEquals(UserFitReport.Outcome.SHARED_HEAD, report.outcome());
        assertTrue(report.ownHeads().isEmpty());
        assertTrue(report.message().contains("keeps the shared head"), report.message());
        assertEquals(List.of(report), heard);
    }

    @Test
    void should_report_a_failed_fit_and_go_on_with_the_next_user() throws Exception {
        // given
        ScriptedFitter scripted = scripted(100, 1);
        fitter = fitterWith(scripted).onFitted(r -> {
            throw new IllegalStateException("a listener that throws");
        }).build();
        history(CAL, 3);
        history(ANA, 3);

        // when
        fitter.offer(CAL);
        fitter.offer(ANA);
        assertTrue(fitter.awaitIdle(WAIT));

        // then
        UserFitReport failed = fitter.lastReport(CAL);
        assertEquals(UserFitReport.Outcome.FAILED, failed.outcome());
        assertTrue(failed.message().contains("scripted failure for cal"), failed.message());
        assertEquals(UserFitReport.Outcome.OWN_HEAD, fitter.lastReport(ANA).outcome());
    }

    @Test
    void should_stop_its_named_daemon_thread_and_refuse_offers_once_closed() throws Exception {
        // given
        fitter = fitterWith(scripted(100, 1)).threadName("test-fitter-closing").build();
        history(ANA, 3);
        assertTrue(threadNamed("test-fitter-closing").isDaemon());

        // when
        fitter.close();

        // then
        assertEquals(FitOffer.CLOSED, fitter.offer(ANA));
        assertEquals(FitOffer.CLOSED, fitter.itemAdded(ANA));
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("test-fitter-closing")), "the fitter's thread still runs");
    }

    private static Thread threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no thread named " + name));
    }

    @Test
    void should_name_the_missing_part_and_the_bad_threshold() {
        // when
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> BackgroundFitter.builder().store(store).fitter(u -> Set.of()).build());
        IllegalArgumentException min = assertThrows(IllegalArgumentException.class,
                () -> BackgroundFitter.builder().minItems(1));
        IllegalArgumentException items = assertThrows(IllegalArgumentException.class,
                () -> BackgroundFitter.builder().store(store).fitter(u -> Set.of())
                        .budget(HourlyLlmBudget.of(llm, LlmBudget.ofCalls(1), clock)).build().itemsAdded(ANA, 0));

        // then
        assertTrue(missing.getMessage().contains("budget is required") && missing.getMessage().contains(
                "HourlyLlmBudget.of("), missing.getMessage());
        assertTrue(min.getMessage().contains("minItems must be >= 2, was 1"), min.getMessage());
        assertTrue(items.getMessage().contains("items must be >= 1, was 0"), items.getMessage());
    }
}
