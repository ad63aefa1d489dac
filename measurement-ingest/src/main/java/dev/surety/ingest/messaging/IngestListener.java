package dev.surety.ingest.messaging;

import dev.surety.ingest.service.RejectionCategory;

/**
 * What the topology reports as it works; a plain callback so the topology needs no CDI or
 * Micrometer (tests pass their own).
 */
public interface IngestListener {

    /** One raw record was read from the raw-metrics topic. */
    void received();

    /** {@code count} measurements were produced from one raw record. */
    void produced(int count);

    /** {@code count} valid samples of one raw record matched no objective of any agreement in force. */
    void unmatched(int count);

    /** One raw record was sent to the dead-letter topic. */
    void deadLettered(RejectionCategory category);

    /** {@code count} (sample, objective) pairs were left out because the sample's cause is excluded. */
    default void excluded(int count) {
    }

    /** {@code count} samples were dropped because their id was seen within the de-duplication horizon. */
    default void duplicates(int count) {
    }
}
