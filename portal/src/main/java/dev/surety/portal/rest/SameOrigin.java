package dev.surety.portal.rest;

import dev.surety.portal.service.PageException;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;

/**
 * Form posts must come from the portal's own pages: the session cookie is SameSite, and a browser's
 * Origin header naming another host is refused as well.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    static void require(HttpHeaders headers) {
        String origin = headers.getHeaderString("Origin");
        String host = headers.getHeaderString("Host");
        if (origin == null || origin.isBlank() || "null".equals(origin) || host == null) {
            return;
        }
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            if (!host.equalsIgnoreCase(authority)) {
                throw new PageException(403, "Not allowed", "This form was sent from another site.");
            }
        } catch (IllegalArgumentException malformed) {
            throw new PageException(403, "Not allowed", "This form was sent from another site.");
        }
    }
}
