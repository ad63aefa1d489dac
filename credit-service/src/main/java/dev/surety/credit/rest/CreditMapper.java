package dev.surety.credit.rest;

import dev.surety.credit.repository.CreditEntity;
import dev.surety.credit.service.CreditCalculator;
import jakarta.enterprise.context.ApplicationScoped;

/** Ledger rows to API views. */
@ApplicationScoped
public class CreditMapper {

    public CreditView toView(CreditEntity c) {
        // re-apply the currency scale: "100.00", never "100" or "1E+2", whatever the column returns
        String amount = c.amount.setScale(CreditCalculator.currencyScale(c.currency.trim()))
                .toPlainString();
        return new CreditView(c.creditId.toString(), c.idempotencyKey, c.agreementId, c.agreementVersion,
                c.objectiveId, c.tenant, c.periodStart, c.periodEnd, c.attainment, c.tierBelowPercent,
                c.creditPercent, amount, c.currency.trim(), c.state, c.createdAt, c.appliedAt, c.appliedBy);
    }
}
