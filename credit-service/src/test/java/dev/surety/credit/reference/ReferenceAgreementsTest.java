package dev.surety.credit.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.credit.service.CreditCalculator;
import dev.surety.credit.service.CreditDecision;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published credit tables of AWS Compute (region-level), Amazon S3 Standard and Azure virtual
 * machines, reproduced at every bound: exactly on a bound is not below it, one good count fewer
 * (out of a million) is. Fee 1000.00 USD, so 10 % is 100.00.
 */
class ReferenceAgreementsTest {

    @ParameterizedTest(name = "{0}: {1}/{2} -> {3}% = {4}")
    @CsvSource({
            // AWS Compute region-level: below 99.99 -> 10 %, below 99.0 -> 30 %, below 95.0 -> 100 %
            "AWS_COMPUTE_REGION, 1000000, 1000000, , ",
            "AWS_COMPUTE_REGION, 999901, 1000000, , ",          // 99.9901
            "AWS_COMPUTE_REGION, 999900, 1000000, , ",          // 99.99 exactly: not below
            "AWS_COMPUTE_REGION, 999899, 1000000, 10, 100.00",  // 99.9899
            "AWS_COMPUTE_REGION, 990001, 1000000, 10, 100.00",  // 99.0001
            "AWS_COMPUTE_REGION, 990000, 1000000, 10, 100.00",  // 99.0 exactly: still 10 %
            "AWS_COMPUTE_REGION, 989999, 1000000, 30, 300.00",  // 98.9999
            "AWS_COMPUTE_REGION, 950001, 1000000, 30, 300.00",  // 95.0001
            "AWS_COMPUTE_REGION, 950000, 1000000, 30, 300.00",  // 95.0 exactly: still 30 %
            "AWS_COMPUTE_REGION, 949999, 1000000, 100, 1000.00", // 94.9999
            "AWS_COMPUTE_REGION, 0, 1000000, 100, 1000.00",
            // a 30-day month counted in minutes (43,200): 4 minutes down is 99.9907 %, 5 minutes 99.9884 %
            "AWS_COMPUTE_REGION, 43196, 43200, , ",
            "AWS_COMPUTE_REGION, 43195, 43200, 10, 100.00",
            // Amazon S3 Standard: below 99.9 -> 10 %, below 99.0 -> 25 %, below 95.0 -> 100 %
            "AWS_S3_STANDARD, 1000000, 1000000, , ",
            "AWS_S3_STANDARD, 999001, 1000000, , ",             // 99.9001
            "AWS_S3_STANDARD, 999000, 1000000, , ",             // 99.9 exactly: not below
            "AWS_S3_STANDARD, 998999, 1000000, 10, 100.00",     // 99.8999
            "AWS_S3_STANDARD, 990001, 1000000, 10, 100.00",
            "AWS_S3_STANDARD, 990000, 1000000, 10, 100.00",     // 99.0 exactly: still 10 %
            "AWS_S3_STANDARD, 989999, 1000000, 25, 250.00",
            "AWS_S3_STANDARD, 950001, 1000000, 25, 250.00",
            "AWS_S3_STANDARD, 950000, 1000000, 25, 250.00",     // 95.0 exactly: still 25 %
            "AWS_S3_STANDARD, 949999, 1000000, 100, 1000.00",
            "AWS_S3_STANDARD, 0, 1000000, 100, 1000.00",
            // Azure virtual machines: below the SLA (99.99) -> 10 %, below 99 -> 25 %, below 95 -> 100 %
            "AZURE_VIRTUAL_MACHINES, 1000000, 1000000, , ",
            "AZURE_VIRTUAL_MACHINES, 999901, 1000000, , ",
            "AZURE_VIRTUAL_MACHINES, 999900, 1000000, , ",      // 99.99 exactly: not below
            "AZURE_VIRTUAL_MACHINES, 999899, 1000000, 10, 100.00",
            "AZURE_VIRTUAL_MACHINES, 990001, 1000000, 10, 100.00",
            "AZURE_VIRTUAL_MACHINES, 990000, 1000000, 10, 100.00", // 99 exactly: still 10 %
            "AZURE_VIRTUAL_MACHINES, 989999, 1000000, 25, 250.00",
            "AZURE_VIRTUAL_MACHINES, 950001, 1000000, 25, 250.00",
            "AZURE_VIRTUAL_MACHINES, 950000, 1000000, 25, 250.00",  // 95 exactly: still 25 %
            "AZURE_VIRTUAL_MACHINES, 949999, 1000000, 100, 1000.00",
            "AZURE_VIRTUAL_MACHINES, 0, 1000000, 100, 1000.00"
    })
    void publishedCreditTablesAtAndAroundEveryBound(ReferenceAgreements sla, long good, long total,
                                                    BigDecimal expectedPercent, String expectedAmount) {
        CreditDecision d = CreditCalculator.decide(good, total, sla.compensation());
        if (expectedPercent == null) {
            assertEquals(ComplianceOutcome.NO_TIER, d.outcome());
            assertNull(d.amount());
            return;
        }
        assertEquals(ComplianceOutcome.CREDITED, d.outcome());
        assertEquals(0, expectedPercent.compareTo(d.creditPercent()), "credit percent");
        assertEquals(expectedAmount, d.amount().toPlainString());
        assertEquals("USD", d.currency());
    }

    @ParameterizedTest(name = "{0}: one count below every bound lands in that bound's tier")
    @CsvSource({"AWS_COMPUTE_REGION", "AWS_S3_STANDARD", "AZURE_VIRTUAL_MACHINES"})
    void everyTierIsReachedExactlyOneCountBelowItsBound(ReferenceAgreements sla) {
        long total = 1_000_000;
        sla.compensation().tiers().forEach(t -> {
            long onBound = t.belowPercent().multiply(BigDecimal.valueOf(total / 100)).longValueExact();
            CreditDecision below = CreditCalculator.decide(onBound - 1, total, sla.compensation());
            assertEquals(0, t.belowPercent().compareTo(below.tierBelowPercent()), "tier of " + t);
            assertEquals(0, t.creditPercent().compareTo(below.creditPercent()), "percent of " + t);
            CreditDecision on = CreditCalculator.decide(onBound, total, sla.compensation());
            if (on.tierBelowPercent() != null) {
                assertEquals(1, on.tierBelowPercent().compareTo(t.belowPercent()), "on " + t + " is not below it");
            }
        });
    }
}
