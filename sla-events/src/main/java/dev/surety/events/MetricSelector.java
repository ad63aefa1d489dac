package dev.surety.events;

import java.util.Map;

/**
 * Selects raw metrics for an objective. Null {@code source} matches any source; every label
 * matcher must be present with the exact value.
 */
public record MetricSelector(@OptionalField String source, String service, String metric, @OptionalField Map<String, String> labels) {

    public MetricSelector {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Whether a raw metric falls under this selector. */
    public boolean matches(RawMetric m) {
        if (source != null && !source.equals(m.source())) {
            return false;
        }
        if (!service.equals(m.service()) || !metric.equals(m.metric())) {
            return false;
        }
        Map<String, String> have = m.labels();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!e.getValue().equals(have.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
