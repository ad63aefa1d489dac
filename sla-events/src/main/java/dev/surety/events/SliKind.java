package dev.surety.events;

/** How an objective's indicator is computed from measurements. */
public enum SliKind {
    /** good events / total events, from counted samples (availability of requests, error rate). */
    RATIO,
    /** each value sample is good when it meets the objective's bound (latency <= 300 ms, probe up == 1). */
    THRESHOLD,
    /** the objective's percentile of the value samples in the window meets the bound (p95 latency <= 300 ms). */
    PERCENTILE,
    /**
     * uptime by time slices (1 minute unless the objective says otherwise): a slice is good when its
     * samples meet the bound (percent good for counted samples, mean value for value samples); the SLI
     * is good slices / slices with data, as cloud providers compute "monthly uptime percentage".
     */
    TIME_SLICE
}
