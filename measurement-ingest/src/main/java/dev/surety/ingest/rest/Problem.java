package dev.surety.ingest.rest;

import java.util.List;

/**
 * RFC 9457 problem details.
 *
 * @param errors one entry per offending item, {@code field} a JSON path into the request body
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One problem with one part of the request. */
    public record FieldError(String field, String message) {
    }
}
