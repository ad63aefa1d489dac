package dev.surety.events;

import java.time.Instant;
import java.util.Map;

/**
 * Surety's own metric event, as a monitoring agent publishes it. A ratio sample carries
 * {@code good} and {@code total} event counts; a gauge sample carries {@code value}.
 */
public record RawMetric(
        String id,
        String source,
        String service,
        String metric,
        Map<String, String> labels,
        Instant timestamp,
        Double value,
        Long good,
        Long total) {

    public RawMetric {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
