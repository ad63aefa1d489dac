package dev.surety.agreement.repository;

/** An agreement together with its current version, as one query returns them. */
public record AgreementRow(AgreementEntity agreement, AgreementVersionEntity version) {
}
