package dev.surety.credit.rest;

/** A query parameter that bean validation cannot judge alone (parsing, relations between parameters). */
public class InvalidParameterException extends RuntimeException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
