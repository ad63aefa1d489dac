package dev.surety.agreement.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.agreement.Agreement;
import dev.surety.agreement.AgreementTerms;
import dev.surety.agreement.rest.AgreementApiMapper;
import dev.surety.agreement.rest.AgreementResponse;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CreditAggregation;
import dev.surety.events.Exclusions;
import dev.surety.events.NoDataPolicy;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Versions written before the full model existed still read, with the defaults in force. */
class OldTermsTest {

    /** A terms document exactly as the thin model stored it. */
    private static final String THIN = """
            {"name":"Checkout","description":null,"tenant":"acme","provider":"p","service":"checkout-api",
             "timeZone":"Europe/Berlin","effectiveFrom":"2026-01-01T00:00:00Z","effectiveTo":null,
             "objectives":[{"objectiveId":"availability","name":"ok","sliKind":"RATIO",
               "selector":{"source":null,"service":"checkout-api","metric":"http_requests","labels":{}},
               "target":99.9,"period":"CALENDAR_MONTH","window":"PT5M","threshold":99,"holdTime":"PT0S"}],
             "compensation":{"monthlyFee":1000.00,"currency":"EUR",
               "tiers":[{"belowPercent":99.9,"creditPercent":10}],"capPercent":100,"claimRequired":true}}
            """;

    @Test
    void aThinVersionReadsWithDefaults() {
        AgreementTerms t = AgreementEntityMapper.decode(THIN);
        assertEquals(Exclusions.NONE.maintenanceWindows(), t.exclusions().maintenanceWindows());
        assertNull(t.customerName());
        assertNull(t.responsibilities());
        AgreementResponse r = new AgreementApiMapper().toResponse(new Agreement(UUID.randomUUID(), 1,
                AgreementStatus.ACTIVE, t, Instant.EPOCH, "a", Instant.EPOCH, "a"));
        assertEquals(NoDataPolicy.IGNORE, r.objectives().get(0).noData());
        assertEquals("PT5M", r.objectives().get(0).noDataAfter());
        assertEquals(0, r.objectives().get(0).burnRateRules().size());
        assertEquals("PT0S", r.exclusions().minimumNotice());
        assertEquals(30, r.compensation().claimWindowDays());
        assertEquals(CreditAggregation.HIGHEST, r.compensation().aggregation());
        // And it is announced whole, with the new fields at their defaults.
        assertEquals("acme", new Agreement(UUID.randomUUID(), 1, AgreementStatus.ACTIVE, t, Instant.EPOCH, "a",
                Instant.EPOCH, "a").toSnapshot().tenant());
    }
}
