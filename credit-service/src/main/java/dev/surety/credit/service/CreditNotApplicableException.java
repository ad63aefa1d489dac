package dev.surety.credit.service;

import dev.surety.credit.CreditState;

/** Billing tried to apply a credit that is not ISSUED (an ENTITLED credit must be claimed first). */
public class CreditNotApplicableException extends RuntimeException {

    private final CreditState state;

    public CreditNotApplicableException(String creditId, CreditState state) {
        super("credit " + creditId + " is " + state);
        this.state = state;
    }

    public CreditState state() {
        return state;
    }
}
