package dev.surety.credit.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parsing of request values bean validation cannot judge alone; failures name the field. */
final class Params {

    private Params() {
    }

    /** An ISO-8601 instant, or null when absent and not required. */
    static Instant instant(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidParameterException(field, "is required");
            }
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(field, "must be an ISO-8601 instant such as 2026-10-01T00:00:00Z");
        }
    }
}
