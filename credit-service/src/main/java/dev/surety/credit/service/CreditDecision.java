package dev.surety.credit.service;

import dev.surety.credit.ComplianceOutcome;
import java.math.BigDecimal;

/**
 * The result of applying a credit schedule to one period's counts.
 *
 * @param outcome          {@link ComplianceOutcome#CREDITED} when a credit is owed, otherwise why not
 * @param tierBelowPercent bound of the tier that applied (null when none did)
 * @param creditPercent    percent of the fee owed after the cap (null when no tier applied)
 * @param amount           the credit at the currency's scale (null unless CREDITED)
 * @param currency         ISO 4217 code of the amount (null when there is no compensation)
 */
public record CreditDecision(
        ComplianceOutcome outcome,
        BigDecimal tierBelowPercent,
        BigDecimal creditPercent,
        BigDecimal amount,
        String currency) {

    public boolean credited() {
        return outcome == ComplianceOutcome.CREDITED;
    }

    static CreditDecision none(ComplianceOutcome outcome, String currency) {
        return new CreditDecision(outcome, null, null, null, currency);
    }
}
