package dev.surety.agreement;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * An agreement as of one version (normally the current one).
 *
 * @param createdAt when the agreement (version 1) was created
 * @param createdBy subject of the token that created the agreement
 * @param updatedAt when this version was written
 * @param updatedBy subject of the token that wrote this version
 */
public record Agreement(
        UUID id,
        int version,
        AgreementStatus status,
        AgreementTerms terms,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /** The event announcing this version to the other services: the whole document and its author. */
    public AgreementSnapshot toSnapshot() {
        return new AgreementSnapshot(id.toString(), version, terms.tenant(), terms.name(), terms.description(),
                terms.provider(), terms.customerName(), terms.service(), status, terms.effectiveFrom(),
                terms.effectiveTo(), terms.timeZone(), terms.objectives(), terms.exclusions(), terms.compensation(),
                terms.responsibilities(), terms.securityTerms(), updatedAt, updatedBy);
    }
}
