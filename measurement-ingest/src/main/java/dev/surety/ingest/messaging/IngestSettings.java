package dev.surety.ingest.messaging;

import dev.surety.ingest.format.FormatSettings;
import java.time.Duration;

/**
 * The topology's tunables (from {@code surety.ingest.*}).
 *
 * @param maxFutureSkew  how far ahead of the stream's wall clock a sample timestamp may be
 * @param maxAge         how far behind it a sample timestamp may be (retention horizon)
 * @param dedupHorizon   how long a sample id is remembered to drop duplicates; zero disables de-duplication
 * @param maxRecordSize  largest raw record value read, bytes; larger ones are dead-lettered as too-large
 * @param maxVersions    how many versions of each agreement are kept for routing by version in force
 */
public record IngestSettings(Duration maxFutureSkew, Duration maxAge, Duration dedupHorizon, long maxRecordSize,
                             int maxVersions, FormatSettings formats) {

    /** The documented defaults, with another future skew. */
    public static IngestSettings defaults(Duration maxFutureSkew) {
        return new IngestSettings(maxFutureSkew, Duration.ofDays(7), Duration.ofMinutes(10), 1L << 20, 20,
                FormatSettings.defaults());
    }
}
