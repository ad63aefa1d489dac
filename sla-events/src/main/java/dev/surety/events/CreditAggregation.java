package dev.surety.events;

/** How the credits of several objectives of one agreement combine for one period. */
public enum CreditAggregation {
    /** the period's credit is the highest credit any single objective earns (the default). */
    HIGHEST,
    /** the objectives' credits are added, then the sum is capped by the agreement's cap. */
    SUM
}
