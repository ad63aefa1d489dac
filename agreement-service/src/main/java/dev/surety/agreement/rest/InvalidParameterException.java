package dev.surety.agreement.rest;

/** A header, query parameter or body field that bean validation cannot check: 400 naming it. */
class InvalidParameterException extends RuntimeException {

    private final String field;

    InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
