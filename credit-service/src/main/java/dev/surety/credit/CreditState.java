package dev.surety.credit;

/** Where a ledger credit stands: issued to billing, owed once the customer claims it, or applied by billing. */
public enum CreditState {
    /** Issued to billing: a CreditIssued event is (or will be) published on the credits topic. */
    ISSUED,
    /** Earned, but the agreement requires a claim before billing pays it; not published yet. */
    ENTITLED,
    /** Billing acknowledged the ISSUED credit as applied (paid out); {@code applied_at}/{@code applied_by} say when and who. */
    APPLIED
}
