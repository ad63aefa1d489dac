package dev.surety.agreement;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * An agreement as of its current version.
 *
 * @param createdAt when the agreement (version 1) was created
 * @param createdBy subject of the token that created the agreement
 * @param updatedAt when the current version was written
 */
public record Agreement(
        UUID id,
        int version,
        AgreementStatus status,
        AgreementTerms terms,
        Instant createdAt,
        String createdBy,
        Instant updatedAt) {

    /** The event announcing this version to the other services. */
    public AgreementSnapshot toSnapshot() {
        return new AgreementSnapshot(id.toString(), version, terms.tenant(), terms.name(), terms.provider(),
                terms.service(), status, terms.effectiveFrom(), terms.effectiveTo(), terms.timeZone(),
                terms.objectives(), terms.compensation(), updatedAt);
    }
}
