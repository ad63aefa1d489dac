package dev.surety.credit.rest;

import dev.surety.credit.repository.CreditEntity;
import dev.surety.credit.repository.LedgerEntry;
import dev.surety.credit.service.ClaimService;
import dev.surety.credit.service.CreditCalculator;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;

/** Ledger rows to API views. */
@ApplicationScoped
public class CreditMapper {

    public CreditView toView(CreditEntity c) {
        String currency = c.currency.trim();
        return new CreditView(c.creditId.toString(), c.idempotencyKey, c.agreementId, c.agreementVersion,
                c.objectiveId, c.tenant, c.periodStart, c.periodEnd, c.attainment, c.tierBelowPercent,
                c.creditPercent, money(c.amount, currency), money(c.computedAmount, currency), currency, c.state,
                c.reason, c.aggregation, c.createdAt, c.claimDeadline, c.claimedAt, c.appliedAt, c.appliedBy);
    }

    public ClaimView toClaim(CreditEntity c) {
        String currency = c.currency.trim();
        return new ClaimView(c.claimId == null ? null : c.claimId.toString(), c.creditId.toString(), c.agreementId,
                c.objectiveId, c.tenant, c.periodStart, c.periodEnd, c.claimedAt, c.claimedBy, c.claimDeadline,
                c.state, money(c.amount, currency), currency);
    }

    public ClaimView toClaim(LedgerEntry c) {
        return new ClaimView(ClaimService.claimId(c.idempotencyKey()).toString(), c.creditId().toString(),
                c.agreementId(), c.objectiveId(), c.tenant(), c.periodStart(), c.periodEnd(), c.claimedAt(),
                c.claimedBy(), c.claimDeadline(), c.state(), money(c.amount(), c.currency()), c.currency());
    }

    /** Re-applies the currency scale: "100.00", never "100" or "1E+2", whatever the column returns. */
    static String money(BigDecimal amount, String currency) {
        return amount == null ? null : amount.setScale(CreditCalculator.currencyScale(currency)).toPlainString();
    }
}
