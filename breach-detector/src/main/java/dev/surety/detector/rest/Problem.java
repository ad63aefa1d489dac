package dev.surety.detector.rest;

import java.util.List;

/** RFC 9457 problem details, as every error of this service is reported. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected input, named as a JSON path or parameter name. */
    public record FieldError(String field, String message) {
    }
}
