package dev.hydra.langchain4j;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.langchain4j.internal.RequestStreamingHandle;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The black box of one streamed request with N = 1: the one sample, with the caller's parameters exactly, whose
 * tokens go to the caller's handler as they arrive, and whose full text becomes the candidate.
 */
final class StreamingSampleBackend implements LlmBackend {

    private final StreamingChatModel delegate;
    private final StreamingChatResponseHandler handler;
    private final Duration timeout;
    private final ChatRequestParameters caller;
    private final RequestStreamingHandle handle;
    private volatile FinishReason finishReason = FinishReason.STOP;

    StreamingSampleBackend(StreamingChatModel delegate, StreamingChatResponseHandler handler, Duration timeout,
            ChatRequestParameters caller, RequestStreamingHandle handle) {
        this.delegate = delegate;
        this.handler = handler;
        this.timeout = timeout;
        this.caller = caller;
        this.handle = handle;
    }

    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        if (sampling.n() != 1) {
            throw new IllegalArgumentException("streams one sample, was asked for " + sampling.n());
        }
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        ChatRequest request = ChatRequest.builder().messages(LangChain4jLlmBackend.messages(prompt))
                .parameters(caller)
                .build();
        delegate.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                onPartialResponse(new PartialResponse(partial), null);
            }

            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.adopt(context == null ? null : context.streamingHandle());
                if (!handle.isCancelled()) {
                    handler.onPartialResponse(partial, new PartialResponseContext(handle));
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = await(done);
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

    private ChatResponse await(CompletableFuture<ChatResponse> done) {
        try {
            CompletableFuture.anyOf(done, handle.whenCancelled()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (handle.isCancelled()) {
                throw new LlmException("the caller cancelled the stream", null);
            }
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while the stream ran", e);
        } catch (ExecutionException e) {
            throw new LlmException("the streaming model failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new LlmException("the streaming model did not complete within " + timeout, e);
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
