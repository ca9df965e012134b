package dev.hydra.langchain4j.internal;

import dev.langchain4j.exception.UnsupportedFeatureException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A delegate's rejection of a streamed call given through the handler's {@code onError} before its {@code chat}
 * returned: the decorators throw it to their caller as a rejection thrown by {@code chat} itself.
 */
public final class Rejections {

    private Rejections() {}

    /**
     * Throws the delegate's {@link UnsupportedFeatureException} when the stream already failed with it.
     *
     * @param stream the stream's outcome so far
     * @throws UnsupportedFeatureException the delegate's, when the stream failed with it
     */
    public static void throwIfRejected(CompletableFuture<?> stream) {
        if (!stream.isCompletedExceptionally()) {
            return;
        }
        try {
            stream.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UnsupportedFeatureException unsupported) {
                throw unsupported;
            }
        }
    }
}
