package dev.hydra.langchain4j.internal;

import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link StreamingHandle} a streamed personalized request hands its caller with every partial response: cancelling
 * it cancels the delegate's stream (through the delegate's own handle, once the delegate gave one), releases what
 * waits for that stream, and tells the decorator to send nothing more: no complete response, no error.
 */
public final class RequestStreamingHandle implements StreamingHandle {

    private final AtomicReference<StreamingHandle> delegate = new AtomicReference<>();
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();

    @Override
    public void cancel() {
        if (cancelled.complete(null)) {
            StreamingHandle stream = delegate.get();
            if (stream != null) {
                stream.cancel();
            }
        }
    }

    @Override
    public boolean isCancelled() { return cancelled.isDone(); }

    /**
     * Takes the delegate's handle of the stream this request reads, and cancels it at once when the request is
     * cancelled already.
     *
     * @param stream the delegate's handle, or {@code null} when the delegate gave none
     */
    public void adopt(StreamingHandle stream) {
        if (stream == null || stream == this || !delegate.compareAndSet(null, stream)) {
            return;
        }
        if (isCancelled()) {
            stream.cancel();
        }
    }

    /**
     * Completes when the request is cancelled.
     *
     * @return the signal
     */
    public CompletableFuture<Void> whenCancelled() {
        return cancelled;
    }
}
