package dev.surety.credit.service;

/** No credit with this id that the caller may see (another tenant's credit is "not found" too). */
public class CreditNotFoundException extends RuntimeException {

    public CreditNotFoundException(String creditId) {
        super("no credit " + creditId);
    }
}
