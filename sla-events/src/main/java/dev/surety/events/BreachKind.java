package dev.surety.events;

/** Which rule of an objective a breach is about. */
public enum BreachKind {
    /** the SLI over the objective's sliding window is worse than its threshold. */
    THRESHOLD,
    /** a multi-window burn-rate rule on the error budget is true. */
    BURN_RATE
}
