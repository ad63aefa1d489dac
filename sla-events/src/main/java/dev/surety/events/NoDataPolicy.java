package dev.surety.events;

/** What a silent source means for an objective once it has been silent for its no-data delay. */
public enum NoDataPolicy {
    /** silence counts against the target, as if every expected event had failed. */
    BAD,
    /** silence counts as met. */
    GOOD,
    /** silence is neither good nor bad: the silent time is left out of the attainment. */
    IGNORE
}
