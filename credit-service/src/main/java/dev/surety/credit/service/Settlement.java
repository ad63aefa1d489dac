package dev.surety.credit.service;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.credit.repository.LedgerEntry;

/**
 * What one transaction did with one compliance record.
 *
 * @param complianceId the record's id
 * @param outcome      null when the record was a redelivery and nothing was done
 * @param newCredit    the ledger row written by this transaction, or null
 */
public record Settlement(String complianceId, ComplianceOutcome outcome, LedgerEntry newCredit) {

    static Settlement redelivery(String complianceId) {
        return new Settlement(complianceId, null, null);
    }
}
