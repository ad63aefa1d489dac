package dev.surety.agreement.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail.
 *
 * @param type   URI naming the kind of problem
 * @param errors one entry per offending field (empty when the problem is not about fields)
 */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://surety.local/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One invalid input.
     *
     * @param field JSON path of the field in the request, e.g. {@code objectives[0].target}; a query
     *              parameter's name; {@code body} for the request body as a whole
     */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }
}
