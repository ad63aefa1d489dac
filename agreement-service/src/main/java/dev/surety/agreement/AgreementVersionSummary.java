package dev.surety.agreement;

import dev.surety.events.AgreementStatus;
import java.time.Instant;

/**
 * One entry of an agreement's history.
 *
 * @param createdAt when the version was written (it is in force from then until the next one)
 * @param createdBy subject of the token that wrote it
 */
public record AgreementVersionSummary(int version, AgreementStatus status, Instant createdAt, String createdBy) {
}
