package dev.surety.events;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The full state of one agreement version, published on the compacted agreements topic keyed by
 * agreement id. A consumer needs nothing else to judge measurements or compute credits. A version
 * is in force from its {@code updatedAt} until the next version's.
 *
 * @param tenant          the customer's tenant id; every customer-facing read is scoped by it
 * @param customer        the customer's display name
 * @param exclusions      maintenance windows and excluded causes (never null once decoded)
 * @param responsibilities who measures and who reports
 * @param securityTerms   free-text security terms of the SLA document
 * @param updatedAt       when this version was written, and so when it took force
 * @param updatedBy       the subject of the token that wrote this version
 */
public record AgreementSnapshot(
        String agreementId,
        int version,
        String tenant,
        @OptionalField String name,
        @OptionalField String description,
        @OptionalField String provider,
        @OptionalField String customer,
        @OptionalField String service,
        AgreementStatus status,
        Instant effectiveFrom,
        @OptionalField Instant effectiveTo,
        String timeZone,
        List<ObjectiveSpec> objectives,
        @OptionalField Exclusions exclusions,
        Compensation compensation,
        @OptionalField Responsibilities responsibilities,
        @OptionalField String securityTerms,
        Instant updatedAt,
        @OptionalField String updatedBy) {

    public AgreementSnapshot {
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
        exclusions = exclusions == null ? Exclusions.NONE : exclusions;
    }

    /** The thin slice's shape: no description, customer name, exclusions, responsibilities or author. */
    public AgreementSnapshot(String agreementId, int version, String tenant, String name, String provider, String service,
            AgreementStatus status, Instant effectiveFrom, Instant effectiveTo, String timeZone,
            List<ObjectiveSpec> objectives, Compensation compensation, Instant updatedAt) {
        this(agreementId, version, tenant, name, null, provider, null, service, status, effectiveFrom, effectiveTo,
                timeZone, objectives, Exclusions.NONE, compensation, null, null, updatedAt, null);
    }

    /** The objective with this id, or null. */
    public ObjectiveSpec objective(String objectiveId) {
        return objectives.stream().filter(o -> o.objectiveId().equals(objectiveId)).findFirst().orElse(null);
    }

    /** The agreement's time zone. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
