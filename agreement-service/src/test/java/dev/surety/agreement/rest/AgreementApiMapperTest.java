package dev.surety.agreement.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.agreement.AgreementTerms;
import dev.surety.agreement.rest.AgreementRequest.CompensationInput;
import dev.surety.agreement.rest.AgreementRequest.CreditTierInput;
import dev.surety.agreement.rest.AgreementRequest.ObjectiveInput;
import dev.surety.agreement.rest.AgreementRequest.SelectorInput;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults and normalisation applied to a valid request. */
class AgreementApiMapperTest {

    private static ObjectiveInput objective(String id, String period, String holdTime) {
        return new ObjectiveInput(id, "o", null, SliKind.RATIO, new SelectorInput(null, "svc", "m", null), null, null,
                null, null, new BigDecimal("99.9"), period, "PT1M", new BigDecimal("1e2"), holdTime, null, null, null);
    }

    private static AgreementRequest request(String currency, String fee, List<CreditTierInput> tiers) {
        return new AgreementRequest(" Name ", null, "acme", null, "p", "svc", null, null, null,
                List.of(objective(null, "pt2h", null), objective("custom", ObjectiveSpec.CALENDAR_MONTH, "PT30S")),
                null, new CompensationInput(new BigDecimal(fee), currency, tiers, null, null, null, null, null), null,
                null, null);
    }

    @Test
    void fillsDefaults() {
        AgreementTerms t = new AgreementApiMapper().toTerms(request("EUR", "1000",
                List.of(new CreditTierInput(new BigDecimal("99"), new BigDecimal("25")))));
        assertEquals("Name", t.name());
        assertEquals("UTC", t.timeZone());
        assertNull(t.effectiveFrom());
        assertEquals("objective-1", t.objectives().get(0).objectiveId());
        assertEquals("custom", t.objectives().get(1).objectiveId());
        assertEquals(Duration.ZERO, t.objectives().get(0).holdTime());
        assertEquals(Duration.ofSeconds(30), t.objectives().get(1).holdTime());
        assertEquals("PT2H", t.objectives().get(0).period());
        assertEquals(new BigDecimal("100"), t.objectives().get(0).threshold());
        assertEquals(new BigDecimal("100"), t.compensation().capPercent());
        assertFalse(t.compensation().claimRequired());
    }

    @Test
    void feeTakesTheCurrencyScaleAndTiersRunFromTheHighestBound() {
        AgreementTerms eur = new AgreementApiMapper().toTerms(request("EUR", "1000",
                List.of(new CreditTierInput(new BigDecimal("95"), new BigDecimal("50")),
                        new CreditTierInput(new BigDecimal("99.9"), new BigDecimal("10")),
                        new CreditTierInput(new BigDecimal("99"), new BigDecimal("25")))));
        assertEquals(new BigDecimal("1000.00"), eur.compensation().monthlyFee());
        assertEquals(List.of(new BigDecimal("99.9"), new BigDecimal("99"), new BigDecimal("95")),
                eur.compensation().tiers().stream().map(t -> t.belowPercent()).toList());

        AgreementTerms jpy = new AgreementApiMapper().toTerms(request("JPY", "120000.0",
                List.of(new CreditTierInput(new BigDecimal("99"), new BigDecimal("25")))));
        assertEquals(new BigDecimal("120000"), jpy.compensation().monthlyFee());
    }
}
