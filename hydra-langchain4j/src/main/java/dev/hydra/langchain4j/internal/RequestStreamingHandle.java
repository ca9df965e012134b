package dev.hydra.langchain4j.internal;

import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link StreamingHandle} a streamed personalized request hands its caller with every partial response: cancelling
 * it cancels the delegate's streams that the request reads (through the delegate's own handles, once the delegate gave
 * them: one with N = 1, one per sample still running with N &gt; 1), releases what waits for them, and tells the
 * decorator to send nothing more: no complete response, no error.
 */
public final class RequestStreamingHandle implements StreamingHandle {

    private final List<StreamingHandle> streams = new ArrayList<>();
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();

    @Override
    public void cancel() {
        if (cancelled.complete(null)) {
            List<StreamingHandle> adopted;
            synchronized (streams) {
                adopted = List.copyOf(streams);
            }
            adopted.forEach(StreamingHandle::cancel);
        }
    }

    @Override
    public boolean isCancelled() { return cancelled.isDone(); }

    /**
     * Takes a delegate's handle of a stream this request reads (each handle once, however often it is given), and
     * cancels it at once when the request is cancelled already.
     *
     * @param stream the delegate's handle, or {@code null} when the delegate gave none
     */
    public void adopt(StreamingHandle stream) {
        if (stream == null || stream == this) {
            return;
        }
        synchronized (streams) {
            for (StreamingHandle known : streams) {
                if (known == stream) {
                    return;
                }
            }
            streams.add(stream);
        }
        if (isCancelled()) {
            stream.cancel(); // cancel() copied the list before this handle was added, or will cancel it twice
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
