package dev.surety.events;

/** How an objective's indicator is computed from measurements. */
public enum SliKind {
    /** good events / total events. */
    RATIO
}
