package dev.surety.detector.service;

/** No agreement with this id is known to the caller (absent, or another tenant's). */
public class AgreementNotFoundException extends RuntimeException {

    public AgreementNotFoundException(String agreementId) {
        super("agreement " + agreementId + " not found");
    }
}
