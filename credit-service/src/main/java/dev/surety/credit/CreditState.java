package dev.surety.credit;

/** Where a ledger credit stands: paid out automatically, or owed once the customer claims it. */
public enum CreditState {
    /** Issued to billing: a CreditIssued event is (or will be) published on the credits topic. */
    ISSUED,
    /** Earned, but the agreement requires a claim before billing pays it; not published yet. */
    ENTITLED
}
