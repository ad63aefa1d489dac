package dev.surety.credit;

/**
 * Where a ledger credit stands. Only ISSUED and APPLIED credits were ever published to billing
 * (a CreditIssued event); every other state is internal to the ledger.
 */
public enum CreditState {
    /** Earned on a claim-required agreement; becomes ISSUED when the customer claims it in time. */
    ENTITLED,
    /** The customer claimed it; transient: the claim's transaction issues it at once (kept in the history). */
    CLAIMED,
    /** Issued to billing: a CreditIssued event is (or will be) published on the credits topic. */
    ISSUED,
    /** Billing acknowledged the ISSUED credit as applied (paid out); {@code applied_at}/{@code applied_by} say when and who. */
    APPLIED,
    /** A tier applied but the amount is below the agreement's minimum credit: amount 0, nothing published. */
    BELOW_MINIMUM,
    /** Late data removed the credit before it was ever published (no tier any more): amount 0. */
    VOIDED
}
