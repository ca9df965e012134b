package dev.hydra.api;

/**
 * The base of Hydra's own unchecked exceptions; its message names the input at fault and, where there is
 * one, the fix.
 *
 * @since 0.1
 */
public class HydraException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, on which input, and how to fix it
     */
    public HydraException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, on which input, and how to fix it
     * @param cause the underlying failure
     */
    public HydraException(String message, Throwable cause) {
        super(message, cause);
    }
}
