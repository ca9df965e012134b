package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller cancels a streamed request through the {@link StreamingHandle} of a partial response's context, as
 * LangChain4j's providers let it: the delegate's stream is cancelled, the call returns, and the handler gets
 * nothing more.
 */
class HydraStreamingCancellationTest {

    private static final long WAIT_SECONDS = 10;

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
        private volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() { return cancelled; }
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
        assertNull(handler.complete);
        assertNull(handler.error);
    }
}
