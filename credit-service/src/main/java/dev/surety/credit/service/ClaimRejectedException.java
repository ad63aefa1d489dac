package dev.surety.credit.service;

/**
 * A claim that cannot be accepted, with the HTTP status, the request field at fault and a reason
 * the customer can act on.
 */
public class ClaimRejectedException extends RuntimeException {

    private final int status;
    private final String field;

    public ClaimRejectedException(int status, String field, String reason) {
        super(reason);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The request body field the reason is about, or null. */
    public String field() {
        return field;
    }
}
