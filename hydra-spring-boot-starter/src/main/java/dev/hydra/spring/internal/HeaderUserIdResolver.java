package dev.hydra.spring.internal;

import dev.hydra.spring.HydraUserIdResolver;
import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The user named by a header of the servlet request the current thread serves; none outside a request.
 */
public final class HeaderUserIdResolver implements HydraUserIdResolver {

    private final String header;

    /**
     * @param header the header's name, e.g. X-User-Id
     * @throws IllegalArgumentException when it is blank; the message names the property
     */
    public HeaderUserIdResolver(String header) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException(
                    "hydra.user-id-header must name a request header: set hydra.user-id-header=X-User-Id or remove it");
        }
        this.header = header;
    }

    @Override
    public Optional<String> currentUserId() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            String value = servlet.getRequest().getHeader(header);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
        }
        return Optional.empty();
    }
}
