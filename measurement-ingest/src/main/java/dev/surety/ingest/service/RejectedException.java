package dev.surety.ingest.service;

/** Raised by parsing when a payload cannot be read at all. */
public class RejectedException extends RuntimeException {

    private final transient Rejection rejection;

    public RejectedException(RejectionCategory category, String reason) {
        super(reason, null, false, false);
        this.rejection = new Rejection(category, reason);
    }

    public Rejection rejection() {
        return rejection;
    }
}
