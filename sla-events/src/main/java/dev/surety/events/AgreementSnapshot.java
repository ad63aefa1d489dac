package dev.surety.events;

import java.time.Instant;
import java.util.List;

/**
 * The full state of one agreement version, published on the compacted agreements topic keyed by
 * agreement id. A consumer needs nothing else to judge measurements or compute credits.
 */
public record AgreementSnapshot(
        String agreementId,
        int version,
        String tenant,
        @OptionalField String name,
        @OptionalField String provider,
        @OptionalField String service,
        AgreementStatus status,
        Instant effectiveFrom,
        @OptionalField Instant effectiveTo,
        String timeZone,
        List<ObjectiveSpec> objectives,
        Compensation compensation,
        Instant updatedAt) {

    public AgreementSnapshot {
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
    }

    /** The objective with this id, or null. */
    public ObjectiveSpec objective(String objectiveId) {
        return objectives.stream().filter(o -> o.objectiveId().equals(objectiveId)).findFirst().orElse(null);
    }
}
