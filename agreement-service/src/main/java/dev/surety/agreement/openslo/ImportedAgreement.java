package dev.surety.agreement.openslo;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import java.time.Instant;

/**
 * The terms an OpenSLO import yields. Identity and bookkeeping are not part of the documents, so
 * {@code terms} carries placeholders the service replaces when it stores the agreement: agreementId
 * {@value #PLACEHOLDER_ID}, version 0, status DRAFT, updatedAt EPOCH, no author; maintenance windows
 * carry no announcedAt and excludable true (the service computes both from the announcement time).
 */
public record ImportedAgreement(AgreementSnapshot terms) {

    public static final String PLACEHOLDER_ID = "imported";
    public static final int PLACEHOLDER_VERSION = 0;
    public static final AgreementStatus PLACEHOLDER_STATUS = AgreementStatus.DRAFT;
    public static final Instant PLACEHOLDER_UPDATED_AT = Instant.EPOCH;
}
