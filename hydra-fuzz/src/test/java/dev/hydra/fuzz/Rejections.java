package dev.hydra.fuzz;

import dev.hydra.api.HydraException;

/**
 * What counts as rejecting bad input clearly: a {@link HydraException} (and so a {@code CorruptDataException})
 * or an {@link IllegalArgumentException} other than a bare {@link NumberFormatException}, with a message. Any
 * other exception escaping a reader (a NullPointerException, ClassCastException, IndexOutOfBounds, ...) is a
 * crash.
 */
final class Rejections {

    private Rejections() {}

    /**
     * Returns when the exception is a clear rejection, and rethrows it otherwise, so that the fuzzer reports it.
     *
     * @param e what the reader threw
     */
    static void requireClear(RuntimeException e) {
        boolean documented = e instanceof HydraException
                || (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException));
        if (!documented || e.getMessage() == null || e.getMessage().isBlank()) {
            throw e;
        }
    }
}
