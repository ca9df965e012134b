package dev.hydra.api;

/**
 * A stored file is damaged, truncated or of a foreign format; the message names the file and the reason.
 *
 * @since 0.1
 */
public class CorruptDataException extends HydraException {

    private static final long serialVersionUID = 1L;

    private final String location;

    /**
     * Creates the exception.
     *
     * @param location the file (or entry) at fault
     * @param reason what is wrong with it
     */
    public CorruptDataException(String location, String reason) {
        super(location + ": " + reason);
        this.location = location;
    }

    /**
     * Creates the exception with its cause.
     *
     * @param location the file (or entry) at fault
     * @param reason what is wrong with it
     * @param cause the underlying failure
     */
    public CorruptDataException(String location, String reason, Throwable cause) {
        super(location + ": " + reason, cause);
        this.location = location;
    }

    /**
     * The file or entry at fault.
     *
     * @return its path or name
     */
    public String location() {
        return location;
    }
}
