package dev.surety.credit;

/** What credit-service did with one stored compliance record; kept on the record for audit. */
public enum ComplianceOutcome {
    /** FINAL, the agreement is not known yet: processed when its snapshot arrives. */
    PENDING_AGREEMENT,
    /** PROVISIONAL: the period is still open, nothing to pay yet (the figures feed statements). */
    PROVISIONAL,
    /** FINAL: a ledger row was written (or a never-published row became ISSUED). */
    CREDITED,
    /** FINAL, but a credit for the same agreement, objective and period already exists (before V3). */
    ALREADY_CREDITED,
    /** FINAL, the same good/total as the objective's FINAL line already has: nothing changed. */
    UNCHANGED,
    /** FINAL, the objective's line is recorded; other objectives of the version have no FINAL record yet. */
    AWAITING_OBJECTIVES,
    /** FINAL, late data changed the amount of a published credit: a CreditAdjusted was written. */
    ADJUSTED,
    /** FINAL, late data recomputed the credit but nothing needs publishing (same amount, or never published). */
    RECOMPUTED,
    /** FINAL, the period's credit is below the agreement's minimum credit: ledger row BELOW_MINIMUM, no event. */
    BELOW_MINIMUM,
    /** FINAL, the objective is not one of the objectives of the version in force at the period's end. */
    UNKNOWN_OBJECTIVE,
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
