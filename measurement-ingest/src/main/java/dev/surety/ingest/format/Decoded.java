package dev.surety.ingest.format;

import dev.surety.ingest.service.Sample;
import java.util.List;

/**
 * A payload read in some format.
 *
 * @param samples  samples ready for validation and routing
 * @param counters collectd cumulative values still to be turned into rates (empty for other formats)
 * @param skipped  points that are not samples by definition (Prometheus staleness markers, string-only lines)
 */
public record Decoded(PayloadFormat format, List<Sample> samples, List<CounterPoint> counters, int skipped) {

    public Decoded {
        samples = List.copyOf(samples);
        counters = List.copyOf(counters);
    }
}
