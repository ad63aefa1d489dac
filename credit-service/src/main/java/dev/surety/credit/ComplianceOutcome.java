package dev.surety.credit;

/** What credit-service did with one stored compliance record; kept on the record for audit. */
public enum ComplianceOutcome {
    /** FINAL, the agreement is not known yet: processed when its snapshot arrives. */
    PENDING_AGREEMENT,
    /** PROVISIONAL: the period is still open, nothing to pay yet. */
    PROVISIONAL,
    /** FINAL and a tier applied: a ledger row was written. */
    CREDITED,
    /** FINAL, but a credit for the same agreement, objective and period already exists. */
    ALREADY_CREDITED,
    /** FINAL, attainment not strictly below any tier bound. */
    NO_TIER,
    /** FINAL, no valid events in the period (total 0): nothing to compare, no credit. */
    NO_DATA,
    /** FINAL, the tier applied but the amount rounds to zero in the currency's scale. */
    ZERO_AMOUNT,
    /** A tier applied, but the agreement was not in force during any part of the period. */
    NOT_IN_FORCE,
    /** FINAL, the agreement has no compensation schedule (no fee or no tiers). */
    NO_COMPENSATION,
    /** FINAL, the agreement's compensation cannot be applied (unknown currency, negative fee...). */
    INVALID_COMPENSATION
}
