package dev.hydra.spring;

import java.util.Optional;

/**
 * Names the user of a chat call that carries no user id (no {@code @MemoryId}, no
 * {@code HydraChatRequestParameters}): e.g. from the current request's header or the security context. Declare one
 * as a bean; the starter consults it on every such call.
 */
@FunctionalInterface
public interface HydraUserIdResolver {

    /**
     * The current user, if known.
     *
     * @return the user id, or empty to fall back to {@code hydra.default-user-id}
     */
    Optional<String> currentUserId();
}
