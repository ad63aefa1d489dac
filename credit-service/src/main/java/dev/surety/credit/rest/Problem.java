package dev.surety.credit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** RFC 9457 problem details, with the offending request fields in {@code errors}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid request field, named as the client wrote it (query parameter or JSON path). */
    public record FieldError(String field, String message) {
    }
}
