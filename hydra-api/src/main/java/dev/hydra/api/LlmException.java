package dev.hydra.api;

/**
 * The black box produced no candidate at all for a request; the cause is the failure of the first sample.
 *
 * @since 0.1
 */
public class LlmException extends HydraException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying failure, may be {@code null}
     */
    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
