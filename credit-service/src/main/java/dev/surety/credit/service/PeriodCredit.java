package dev.surety.credit.service;

import dev.surety.credit.ComplianceOutcome;
import java.math.BigDecimal;

/**
 * The credit of one agreement for one period, across its objectives, after the cap, the proration
 * and the minimum credit.
 *
 * @param kind             payable, below the minimum, or nothing owed
 * @param outcome          CREDITED, BELOW_MINIMUM or why nothing is owed
 * @param objectiveId      the objective that earns the most (its attainment and tier are shown), null if none did
 * @param attainment       that objective's attainment; the lowest attainment when no tier applied
 * @param tierBelowPercent that objective's tier bound (null when no tier applied)
 * @param creditPercent    percent of the fee owed: the highest objective's, or the capped sum
 * @param computedAmount   the amount before the minimum credit (null when no tier applied)
 * @param amount           what is owed: computedAmount when payable, 0 otherwise, at the currency's scale
 * @param reason           why the amount is 0 although a tier applied (below the minimum), else null
 */
public record PeriodCredit(
        Kind kind,
        ComplianceOutcome outcome,
        String objectiveId,
        BigDecimal attainment,
        BigDecimal tierBelowPercent,
        BigDecimal creditPercent,
        BigDecimal computedAmount,
        BigDecimal amount,
        String currency,
        String reason) {

    /** What the period's credit amounts to. */
    public enum Kind {
        /** at or above the minimum credit: owed */
        PAYABLE,
        /** a tier applied, but the amount is below the minimum credit: not paid */
        BELOW_MINIMUM,
        /** no tier applied, the amount rounds to zero, or the agreement was not in force */
        NONE
    }

    /**
     * One objective's figures going into the aggregation.
     *
     * @param decision the objective's own decision under the version in force (percent after the cap)
     */
    public record ObjectiveResult(String objectiveId, BigDecimal attainment, CreditDecision decision) {
    }
}
