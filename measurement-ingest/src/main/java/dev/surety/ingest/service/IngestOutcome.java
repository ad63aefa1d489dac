package dev.surety.ingest.service;

import dev.surety.events.Measurement;
import java.util.List;

/** What becomes of one raw record: all of it is routed, or all of it is rejected. */
public sealed interface IngestOutcome {

    /**
     * Every sample was valid.
     *
     * @param measurements one per (sample, matching objective), in sample order
     * @param samples      samples read from the record
     * @param unmatched    samples that matched no objective of any agreement in force
     * @param excluded     (sample, objective) pairs left out because the sample's cause is excluded by the agreement
     */
    record Routed(List<Measurement> measurements, int samples, int unmatched, int excluded) implements IngestOutcome {
        public Routed {
            measurements = List.copyOf(measurements);
        }
    }

    /** The record is refused as a whole and nothing of it is routed. */
    record Rejected(Rejection rejection) implements IngestOutcome {
    }
}
