package dev.surety.agreement;

/**
 * No agreement with this id exists for the caller. Raised alike for a missing id and for another
 * tenant's agreement, so that a customer cannot probe which ids exist.
 */
public class AgreementNotFoundException extends RuntimeException {

    public AgreementNotFoundException(String id) {
        super("no agreement " + id);
    }
}
