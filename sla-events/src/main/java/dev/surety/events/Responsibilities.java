package dev.surety.events;

/**
 * Who does what under an agreement, as the SLA document states it.
 *
 * @param measuredBy who operates the measurement (e.g. "provider, with synthetic probes from three regions")
 * @param reportedBy who reports attainment and to whom
 * @param reporting  cadence and form of reports (e.g. "monthly statement within 5 business days")
 * @param customer   what the customer must do for the promise to hold (e.g. "retry with backoff")
 */
public record Responsibilities(
        @OptionalField String measuredBy,
        @OptionalField String reportedBy,
        @OptionalField String reporting,
        @OptionalField String customer) {
}
