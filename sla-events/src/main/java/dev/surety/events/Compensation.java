package dev.surety.events;

import java.math.BigDecimal;
import java.util.List;

/**
 * The credit schedule of an agreement.
 *
 * @param monthlyFee    fee per period the credit percentages apply to
 * @param currency      ISO 4217 code
 * @param tiers         credit tiers, ordered from the highest bound down
 * @param capPercent    the most a period's credit may be, in percent of the fee (null: 100)
 * @param claimRequired whether the customer must claim a credit before it is issued
 */
public record Compensation(
        BigDecimal monthlyFee,
        String currency,
        List<CreditTier> tiers,
        @OptionalField BigDecimal capPercent,
        boolean claimRequired) {

    public Compensation {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }
}
