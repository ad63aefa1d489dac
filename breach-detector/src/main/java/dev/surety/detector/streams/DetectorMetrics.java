package dev.surety.detector.streams;

/**
 * Business counters the topology reports to, kept as a plain callback so the topology needs no
 * CDI. Counts are operational: a record reprocessed after an aborted transaction counts again.
 */
public interface DetectorMetrics {

    /** Does nothing; for tests that do not look at counters. */
    DetectorMetrics NONE = new DetectorMetrics() {
    };

    /** A measurement was applied to its window and period. */
    default void measurementProcessed() {
    }

    /** A measurement arrived for a period already final and was not applied. */
    default void measurementLate() {
    }

    /** A measurement named an agreement or objective this detector cannot judge it against. */
    default void measurementUnknown(String reason) {
    }

    /** A measurement could not be read or broke the contract (e.g. good > total). */
    default void measurementInvalid() {
    }

    /** A measurement with an id already applied was dropped. */
    default void measurementDuplicate() {
    }

    default void breachOpened() {
    }

    default void breachResolved() {
    }

    default void complianceFinalized() {
    }

    /** A PROVISIONAL compliance record was published. */
    default void complianceProvisional() {
    }

    /** A measurement inside excludable maintenance was not counted. */
    default void measurementExcluded() {
    }

    /** A source went silent (NoDataStarted). */
    default void noDataStarted() {
    }

    /** A silent source reported again (NoDataEnded). */
    default void noDataEnded() {
    }
}
