package dev.surety.events;

import java.math.BigDecimal;
import java.util.List;

/**
 * The credit schedule of an agreement.
 *
 * @param monthlyFee      fee per period the credit percentages apply to, at the currency's scale
 * @param currency        ISO 4217 code
 * @param tiers           credit tiers, ordered from the highest bound down
 * @param capPercent      the most a period's credit may be, in percent of the fee (null: 100)
 * @param claimRequired   whether the customer must claim a credit before it is issued
 * @param minimumCredit   credits below this amount are not paid (null: no minimum)
 * @param claimWindowDays claim-required agreements: days after the period's end to claim (null: 30)
 * @param aggregation     how several objectives' credits for one period combine (null: {@link CreditAggregation#HIGHEST})
 */
public record Compensation(
        BigDecimal monthlyFee,
        String currency,
        List<CreditTier> tiers,
        @OptionalField BigDecimal capPercent,
        boolean claimRequired,
        @OptionalField BigDecimal minimumCredit,
        @OptionalField Integer claimWindowDays,
        @OptionalField CreditAggregation aggregation) {

    public static final int DEFAULT_CLAIM_WINDOW_DAYS = 30;

    public Compensation {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }

    /** A schedule with no minimum credit, the default claim window and aggregation. */
    public Compensation(BigDecimal monthlyFee, String currency, List<CreditTier> tiers, BigDecimal capPercent,
            boolean claimRequired) {
        this(monthlyFee, currency, tiers, capPercent, claimRequired, null, null, null);
    }

    /** The claim window in force, in days. */
    public int effectiveClaimWindowDays() {
        return claimWindowDays == null ? DEFAULT_CLAIM_WINDOW_DAYS : claimWindowDays;
    }

    /** The cross-objective rule in force. */
    public CreditAggregation effectiveAggregation() {
        return aggregation == null ? CreditAggregation.HIGHEST : aggregation;
    }
}
