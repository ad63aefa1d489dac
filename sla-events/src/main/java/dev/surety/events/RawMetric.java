package dev.surety.events;

import java.time.Instant;
import java.util.Map;

/**
 * Surety's own metric event, as a monitoring agent publishes it. A ratio sample carries
 * {@code good} and {@code total} event counts; a gauge sample carries {@code value}.
 */
public record RawMetric(
        @OptionalField String id,
        @OptionalField String source,
        String service,
        String metric,
        @OptionalField Map<String, String> labels,
        Instant timestamp,
        @OptionalField Double value,
        @OptionalField Long good,
        @OptionalField Long total) {

    public RawMetric {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
