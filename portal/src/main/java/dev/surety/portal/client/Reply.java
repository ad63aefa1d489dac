package dev.surety.portal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One backing-service answer as the pages need it: the status and body, or "unavailable" (no
 * connection, timeout, 5xx) with the name of the part of the page that depends on it.
 */
public record Reply(String service, int status, String body, JsonNode json, String contentType) {

    /** No answer at all (connection refused, timeout). */
    public static Reply unavailable(String service) {
        return new Reply(service, 0, "", MissingNode.getInstance(), null);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean notFound() {
        return status == 404;
    }

    public boolean unavailableNow() {
        return status == 0 || status >= 500;
    }

    /** The RFC 9457 detail, or a short fallback. */
    public String detail() {
        String d = json.path("detail").asText("");
        return d.isBlank() ? (status == 0 ? service + " did not answer" : service + " answered " + status) : d;
    }
}
