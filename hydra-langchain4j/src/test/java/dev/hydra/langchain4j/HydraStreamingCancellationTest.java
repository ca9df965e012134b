package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.Candidate;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.spi.Adapter;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A caller cancels a streamed request through the {@link StreamingHandle} of a partial response's context, as
 * LangChain4j's providers let it: the delegate's stream is cancelled, the call returns, and the handler gets
 * nothing more.
 */
class HydraStreamingCancellationTest {

    private static final long WAIT_SECONDS = 10;
    private static final Duration WAIT = Duration.ofSeconds(WAIT_SECONDS);

    private final InMemoryHistoryStore store = Fixtures.store();
    private final TokenModel delegate = new TokenModel(20, true);
    private HydraStreamingChatModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    /**
     * Streams {@code tokens} tokens, one by one, on its own thread, and stops when its handle is cancelled. Paced, it
     * sends a token only once the caller got the one before ({@link #permits}), as a model slower than its reader.
     */
    private static final class TokenModel implements StreamingChatModel {
        final List<DelegateHandle> handles = new CopyOnWriteArrayList<>();
        final AtomicInteger sent = new AtomicInteger();
        final Semaphore permits = new Semaphore(0);
        private final int tokens;
        private final boolean paced;

        TokenModel(int tokens, boolean paced) {
            this.tokens = tokens;
            this.paced = paced;
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            DelegateHandle handle = new DelegateHandle();
            handles.add(handle);
            Thread stream = new Thread(() -> {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < tokens; i++) {
                    if (paced && i > 0 && !awaitPermit(handle) || handle.isCancelled()) {
                        return; // a cancelled stream completes nothing
                    }
                    text.append("t").append(i).append(' ');
                    sent.incrementAndGet();
                    handler.onPartialResponse(new PartialResponse("t" + i + " "), new PartialResponseContext(handle));
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(text.toString())).build());
            });
            stream.start();
        }

        /** Waits until the caller took the last token; false once the stream is cancelled instead. */
        private boolean awaitPermit(DelegateHandle handle) {
            try {
                while (!permits.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    if (handle.isCancelled()) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The delegate's own handle. */
    private static final class DelegateHandle implements StreamingHandle {
        private final CountDownLatch cancelled = new CountDownLatch(1);

        @Override
        public void cancel() {
            cancelled.countDown();
        }

        @Override
        public boolean isCancelled() { return cancelled.getCount() == 0; }

        /** Waits for the cancel; false when none came within the test's wait. */
        boolean awaitCancel() {
            return Latches.opened(cancelled, WAIT_SECONDS);
        }
    }

    /** Cancels at the {@code at}-th partial response; records everything else it gets. */
    private static final class CancellingHandler implements StreamingChatResponseHandler {
        final List<String> partials = new CopyOnWriteArrayList<>();
        final CountDownLatch cancelled = new CountDownLatch(1);
        volatile StreamingHandle handle;
        volatile ChatResponse complete;
        volatile Throwable error;
        private final int at;
        private final Semaphore taken;

        CancellingHandler(int at, Semaphore taken) {
            this.at = at;
            this.taken = taken;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            partials.add(partial.text());
            handle = context.streamingHandle();
            if (partials.size() == at) {
                handle.cancel();
                cancelled.countDown();
            }
            taken.release();
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            complete = response;
        }

        @Override
        public void onError(Throwable e) {
            error = e;
        }
    }

    private static ChatRequest request(String user) {
        ChatRequest.Builder b = ChatRequest.builder().messages(UserMessage.from("title for my post on bike brakes"));
        return user == null ? b.build()
                : b.parameters(HydraChatRequestParameters.builder().userId(user).build()).build();
    }

    @Test
    void should_stop_a_personalized_stream_when_the_caller_cancels_it() throws Exception {
        // given
        model = HydraStreamingChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, 1, 0.0)).build();
        CancellingHandler handler = new CancellingHandler(3, delegate.permits);

        // when: the call returns once the stream is cancelled, not after the delegate's 20 tokens
        model.chat(request("alice"), handler);

        // then
        assertTrue(handler.cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(3, handler.partials.size());
        assertTrue(handler.handle.isCancelled());
        handler.handle.cancel(); // idempotent
        assertTrue(handler.handle.isCancelled());
        assertTrue(delegate.handles.get(0).isCancelled(), "the delegate's stream was cancelled through its handle");
        assertEquals(3, delegate.sent.get(), "the delegate sent nothing after the cancel");
        assertTrue(model.awaitRunningRequests(WAIT), "the request did not end");
        assertNull(handler.complete, "no complete response after a cancel");
        assertNull(handler.error, "no error after a cancel");
    }

    @Test
    void should_let_the_caller_cancel_a_request_passed_through_with_the_delegates_own_handle() throws Exception {
        // given: no user, so the request goes to the delegate alone
        model = HydraStreamingChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, 1, 0.0)).build();
        CancellingHandler handler = new CancellingHandler(2, delegate.permits);

        // when
        model.chat(request(null), handler);

        // then
        assertTrue(handler.cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertSame(delegate.handles.get(0), handler.handle);
        assertTrue(delegate.handles.get(0).isCancelled());
        assertNull(handler.complete);
    }

    @Test
    void should_send_no_complete_response_when_the_chosen_answer_is_cancelled() throws Exception {
        // given: N = 3 with an adapter: the chosen answer comes as one partial response, then the complete one
        Adapter shortest = new Adapter() {
            @Override
            public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
                return candidates.stream().map(c -> new Scored<>(c, -c.text().length())).toList();
            }

            @Override
            public String name() {
                return "shortest";
            }
        };
        model = HydraStreamingChatModel.builder().delegate(new TokenModel(4, false))
                .hydra(Fixtures.pipeline(store, 3, 1.0).adapter(shortest)).build();
        CancellingHandler handler = new CancellingHandler(1, new Semaphore(0));

        // when
        model.chat(request("alice"), handler);

        // then
        assertTrue(handler.cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1, handler.partials.size());
        assertFalse(handler.partials.get(0).isEmpty());
        assertTrue(model.awaitRunningRequests(WAIT), "the request did not end");
        assertNull(handler.complete);
        assertNull(handler.error);
    }

    /**
     * Per call, in call order: call {@code 0} waits until the {@code slow} calls after it streamed a token, then
     * streams {@code "fast"} and completes; calls {@code 1..slow} stream one token (or, {@code thinking}, one piece of
     * thinking) and then wait, without completing, until their handle is cancelled; later calls complete at once with
     * {@code "fast"}.
     */
    private static final class StallingModel implements StreamingChatModel {
        final List<DelegateHandle> stalled = new CopyOnWriteArrayList<>();
        final CountDownLatch stalledStreams;
        final CountDownLatch stopped;
        private final AtomicInteger calls = new AtomicInteger();
        private final int slow;
        private final boolean thinking;

        StallingModel(int slow, boolean thinking) {
            this.slow = slow;
            this.thinking = thinking;
            this.stalledStreams = new CountDownLatch(slow);
            this.stopped = new CountDownLatch(slow);
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            int call = calls.getAndIncrement();
            DelegateHandle handle = new DelegateHandle();
            new Thread(() -> {
                if (call >= 1 && call <= slow) {
                    stalled.add(handle);
                    if (thinking) {
                        handler.onPartialThinking(new PartialThinking("hmm "), new PartialThinkingContext(handle));
                    } else {
                        handler.onPartialResponse(new PartialResponse("slow "), new PartialResponseContext(handle));
                    }
                    stalledStreams.countDown();
                    if (handle.awaitCancel()) {
                        stopped.countDown(); // a cancelled stream completes nothing
                    }
                    return;
                }
                if (call == 0 && !await(stalledStreams)) {
                    return;
                }
                handler.onPartialResponse(new PartialResponse("fast"), new PartialResponseContext(handle));
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("fast")).build());
            }).start();
        }
    }

    /** Every call streams {@code "answer"} once the gate opens, on its own thread. */
    private static final class GatedModel implements StreamingChatModel {
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            calls.incrementAndGet();
            new Thread(() -> {
                if (await(gate)) {
                    handler.onPartialResponse("answer");
                    handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("answer")).build());
                }
            }).start();
        }
    }

    /** Records the thread of each callback and when the call completed. */
    private static final class ThreadRecording implements StreamingChatResponseHandler {
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<String> partials = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile ChatResponse complete;
        volatile Throwable error;

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            threads.add(Thread.currentThread().getName());
            partials.add(partial.text());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            threads.add(Thread.currentThread().getName());
            complete = response;
            done.countDown();
        }

        @Override
        public void onError(Throwable e) {
            threads.add(Thread.currentThread().getName());
            error = e;
            done.countDown();
        }
    }

    private static boolean await(CountDownLatch latch) {
        return Latches.opened(latch, WAIT_SECONDS);
    }

    private static Adapter fastWins() {
        return new Adapter() {
            @Override
            public List<Scored<Candidate>> doScore(Query query, List<Candidate> candidates) {
                return candidates.stream().map(c -> new Scored<>(c, c.text().equals("fast") ? 0.9 : 0.1)).toList();
            }

            @Override
            public String name() {
                return "fast-wins";
            }
        };
    }

    @ParameterizedTest(name = "the running samples streamed {0}")
    @ValueSource(strings = {"text", "thinking"})
    void should_cancel_the_samples_still_running_when_the_early_answer_is_cancelled(String streamed)
            throws Exception {
        // given: N = 3 on 3 sample threads; the first sample clears the threshold while the other two still stream
        StallingModel stalling = new StallingModel(2, streamed.equals("thinking"));
        model = HydraStreamingChatModel.builder().delegate(stalling).concurrency(3).streamFirstAbove(0.5)
                .hydra(Fixtures.pipeline(store, 3, 1.0).adapter(fastWins())).build();
        CancellingHandler handler = new CancellingHandler(1, new Semaphore(0));

        // when: the caller cancels the early answer
        model.chat(request("alice"), handler);

        // then: both running samples' streams are cancelled through the delegate's handles, nothing more is sent
        assertTrue(handler.cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(List.of("fast"), handler.partials);
        assertTrue(stalling.stopped.await(WAIT_SECONDS, TimeUnit.SECONDS), "the running samples were not cancelled");
        assertTrue(stalling.stalled.stream().allMatch(DelegateHandle::isCancelled));

        // and: their threads are free again: a next request gets all 3 (the sample timeout is 2 minutes)
        ThreadRecording next = new ThreadRecording();
        model.chat(request("alice"), next);
        assertTrue(next.done.await(WAIT_SECONDS, TimeUnit.SECONDS), "the next request waited for the sample threads");
        assertEquals("fast", next.complete.aiMessage().text());
        assertEquals(3, ((HydraChatResponseMetadata) next.complete.metadata()).delegateCalls());
        assertTrue(model.awaitRunningRequests(WAIT), "the requests did not end");
        assertNull(handler.complete);
        assertNull(handler.error);
    }

    @Test
    void should_answer_n_samples_off_the_callers_thread_and_return_once_the_delegate_accepted() throws Exception {
        // given: N = 3, samples that complete only once the gate opens
        GatedModel gated = new GatedModel();
        model = HydraStreamingChatModel.builder().delegate(gated)
                .hydra(Fixtures.pipeline(store, 3, 1.0).adapter(Fixtures.firstSampleAdapter())).build();
        ThreadRecording handler = new ThreadRecording();
        AtomicReference<String> caller = new AtomicReference<>();

        // when: the call returns while the samples still run, as a provider's streaming call does
        assertTimeoutPreemptively(WAIT, () -> {
            caller.set(Thread.currentThread().getName());
            model.chat(request("alice"), handler);
        });
        assertTrue(gated.calls.get() >= 1, "chat returned before the delegate was called");
        assertEquals(List.of(), handler.partials);
        gated.gate.countDown();

        // then: the answer and the complete response come from the decorator's worker, not the caller's thread
        assertTrue(handler.done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertNull(handler.error);
        assertEquals(List.of("answer"), handler.partials);
        assertEquals(2, handler.threads.size());
        assertFalse(handler.threads.contains(caller.get()), handler.threads.toString());
        assertEquals(handler.threads.get(0), handler.threads.get(1), "one thread for the answer and its end");
        assertTrue(handler.threads.get(0).startsWith("hydra-stream-"), handler.threads.toString());
    }
}
