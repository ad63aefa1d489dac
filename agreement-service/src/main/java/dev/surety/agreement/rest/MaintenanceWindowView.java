package dev.surety.agreement.rest;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A maintenance window as stored: what the client wrote plus when it was announced and whether it counts. */
@Schema(name = "MaintenanceWindow")
public record MaintenanceWindowView(
        @Schema(description = "Id inside the agreement", examples = "sunday-patching") String windowId,
        @Schema(examples = "Database patching") String title,
        @Schema(description = "The first (or only) start", examples = "2026-12-06T02:00:00Z") Instant start,
        @Schema(description = "Length of each occurrence (ISO-8601)", examples = "PT2H") String duration,
        @Schema(description = "iCalendar RRULE; null for a one-off window", examples = "FREQ=WEEKLY;BYDAY=SU")
        String rrule,
        @Schema(description = "IANA zone the rule is evaluated in (the agreement's when not given)",
                examples = "Europe/Berlin") String timeZone,
        @Schema(description = "When the window was announced (written into a version); set by the server")
        Instant announcedAt,
        @Schema(description = "Whether announcedAt + exclusions.minimumNotice <= start, i.e. the window was announced"
                + " in time and its time is excluded from the objectives; a late window is kept but false",
                examples = "true") boolean excludable) {
}
