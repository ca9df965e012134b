package dev.hydra.api.spi;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keeps each user's head parameters, one entry per user and module ({@code "reranker"}, {@code "adapter"}).
 *
 * <p><b>Contract:</b> {@link #save} is atomic: a reader sees the old entry or the new one, never a mix, also
 * after a crash. {@link #load} of a damaged or foreign entry throws
 * {@link dev.hydra.api.CorruptDataException} naming the entry, and never returns its contents; the caller
 * then scores that user with the shared default head. <b>Thread-safety:</b> safe for concurrent use.
 *
 * @since 0.1
 */
@ConsumerType
public interface HeadStore extends Plugin {

    /** The module name of the reranker's heads. */
    String RERANKER = "reranker";

    /** The module name of the adapter's heads. */
    String ADAPTER = "adapter";

    /**
     * Loads a user's head.
     *
     * @param user the user
     * @param module the module, 1 to 64 characters of {@code [a-z0-9_-]}
     * @return the parameters, or empty when the user has none
     * @throws dev.hydra.api.CorruptDataException when the stored entry is damaged or foreign
     */
    Optional<HeadParameters> load(UserId user, String module);

    /**
     * Saves a user's head atomically, replacing any earlier one.
     *
     * @param user the user
     * @param module the module
     * @param head the parameters
     * @throws dev.hydra.api.HydraException when it cannot be written; the earlier entry is kept then
     */
    void save(UserId user, String module, HeadParameters head);

    /**
     * Deletes a user's head for one module.
     *
     * @param user the user
     * @param module the module
     * @return whether there was one
     */
    boolean delete(UserId user, String module);

    /**
     * Lists the users with a head for a module.
     *
     * @param module the module
     * @return the users, sorted
     */
    List<UserId> users(String module);

    /**
     * Deletes every head of a user, in every module, leaving nothing of them on disk.
     *
     * @param user the user
     * @return how many heads were deleted
     */
    int forgetUser(UserId user);
}
