package dev.surety.detector.rest;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The period history of every objective of one agreement: hour by hour, with its breach and no-data episodes. */
@Schema(description = "Hour-by-hour history of the current (or previous) compliance period of every objective of an agreement")
public record HistoryReport(
        String agreementId,
        @Schema(description = "Wall-clock time this history was read") Instant asOf,
        @Schema(description = "The objectives of the version in force at asOf") List<ObjectiveHistory> objectives) {
}
