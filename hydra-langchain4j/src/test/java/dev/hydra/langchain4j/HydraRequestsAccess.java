package dev.hydra.langchain4j;

import dev.hydra.langchain4j.internal.HydraRequests;

/** The attribute name, for tests. */
final class HydraRequestsAccess {
    static final String USER_ID_ATTRIBUTE = HydraRequests.USER_ID_ATTRIBUTE;

    private HydraRequestsAccess() {}
}
