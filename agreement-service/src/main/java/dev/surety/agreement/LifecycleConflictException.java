package dev.surety.agreement;

/**
 * The agreement's status does not allow the requested change (a transition outside the
 * lifecycle, an edit of a terminated agreement, deleting an agreement that is not a draft).
 * Reported as 409 naming the field {@code status}.
 */
public class LifecycleConflictException extends RuntimeException {

    public LifecycleConflictException(String message) {
        super(message);
    }
}
