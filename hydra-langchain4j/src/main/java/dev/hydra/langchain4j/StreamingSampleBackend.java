package dev.hydra.langchain4j;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.langchain4j.internal.Rejections;
import dev.hydra.langchain4j.internal.RequestStreamingHandle;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The black box of one streamed request with N = 1: the one sample, with the caller's parameters exactly, whose
 * tokens go to the caller's handler as they arrive (relayed on the thread that runs the request), and whose full
 * text becomes the candidate. The request counts as accepted once the delegate's {@code chat} returned.
 */
final class StreamingSampleBackend implements LlmBackend {

    private final StreamingChatModel delegate;
    private final StreamingChatResponseHandler handler;
    private final Duration timeout;
    private final ChatRequestParameters caller;
    private final RequestStreamingHandle handle;
    private final CompletableFuture<Void> accepted;
    private volatile FinishReason finishReason = FinishReason.STOP;

    StreamingSampleBackend(StreamingChatModel delegate, StreamingChatResponseHandler handler, Duration timeout,
            ChatRequestParameters caller, RequestStreamingHandle handle, CompletableFuture<Void> accepted) {
        this.delegate = delegate;
        this.handler = handler;
        this.timeout = timeout;
        this.caller = caller;
        this.handle = handle;
        this.accepted = accepted;
    }

    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        if (sampling.n() != 1) {
            throw new IllegalArgumentException("streams one sample, was asked for " + sampling.n());
        }
        ChatRequest request = ChatRequest.builder().messages(LangChain4jLlmBackend.messages(prompt))
                .parameters(caller)
                .build();
        Relay relay = new Relay(Thread.currentThread());
        handle.whenCancelled().thenRun(relay::wake);
        delegate.chat(request, relay);
        Rejections.throwIfRejected(relay.done); // given through onError before chat returned: thrown all the same
        accepted.complete(null);
        ChatResponse response = relay.await();
        if (response.finishReason() != null) {
            finishReason = response.finishReason();
        }
        if (response.aiMessage() == null || response.aiMessage().text() == null) {
            throw new LlmException("the streaming model completed without text", null);
        }
        dev.langchain4j.model.output.TokenUsage u = response.tokenUsage();
        TokenUsage usage = u == null ? TokenUsage.ZERO : new TokenUsage(
                u.inputTokenCount() == null ? 0 : u.inputTokenCount(),
                u.outputTokenCount() == null ? 0 : u.outputTokenCount());
        return Generation.of(List.of(new Candidate(response.aiMessage().text(), 0)), usage);
    }

    /**
     * The delegate's stream, relayed to the caller's handler on the thread that waits for it (a delegate that calls
     * back on that very thread is relayed at once), so that the caller gets every callback from one thread.
     */
    private final class Relay implements StreamingChatResponseHandler {

        private static final Runnable WAKE = () -> {};
        private final Thread reader;
        private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
        private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        Relay(Thread reader) {
            this.reader = reader;
        }

        @Override
        public void onPartialResponse(String partial) {
            onPartialResponse(new PartialResponse(partial), null);
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            handle.adopt(context == null ? null : context.streamingHandle());
            Runnable relay = () -> {
                if (!handle.isCancelled()) {
                    handler.onPartialResponse(partial, new PartialResponseContext(handle));
                }
            };
            if (Thread.currentThread() == reader) {
                relay.run();
            } else {
                events.add(relay);
            }
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            handle.adopt(context == null ? null : context.streamingHandle());
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            handle.adopt(context == null ? null : context.streamingHandle());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
            wake();
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
            wake();
        }

        void wake() {
            events.add(WAKE);
        }

        /** Relays the tokens until the stream completes, fails, is cancelled or times out. */
        ChatResponse await() {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    Runnable event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (event != null) {
                        event.run();
                    }
                    if (handle.isCancelled()) {
                        throw new LlmException("the caller cancelled the stream", null);
                    }
                    if (done.isDone() && events.isEmpty()) {
                        return done.get();
                    }
                    if (event == null) {
                        throw new LlmException("the streaming model did not complete within " + timeout, null);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmException("interrupted while the stream ran", e);
            } catch (ExecutionException e) {
                throw new LlmException("the streaming model failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Why the model stopped the sample, as it said; {@code STOP} when it said nothing or has not answered. */
    FinishReason finishReason() {
        return finishReason;
    }

    @Override
    public String modelId() {
        return "streaming";
    }

    @Override
    public String name() {
        return "langchain4j-streaming";
    }
}
