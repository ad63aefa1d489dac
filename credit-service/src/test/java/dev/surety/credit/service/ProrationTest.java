package dev.surety.credit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.events.Compensation;
import dev.surety.events.CreditTier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proration: an agreement that starts or ends inside a compliance period owes the tier's percent
 * of the fee times the covered fraction of the period, rounded once at the end.
 */
class ProrationTest {

    /** November 2026: 30 days. */
    private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant DEC = Instant.parse("2026-12-01T00:00:00Z");

    /** Fee 1000.00 EUR; below 99.9 -> 10 %, below 99.0 -> 25 %, below 95.0 -> 100 %. */
    private static final Compensation EUR_1000 = new Compensation(new BigDecimal("1000.00"), "EUR", List.of(
            new CreditTier(new BigDecimal("99.9"), new BigDecimal("10")),
            new CreditTier(new BigDecimal("99.0"), new BigDecimal("25")),
            new CreditTier(new BigDecimal("95.0"), new BigDecimal("100"))), null, false);

    @ParameterizedTest(name = "in force {0} .. {1}: {2}")
    @CsvSource({
            // whole period covered, or more: no proration
            "2026-01-01T00:00:00Z, , 250.00",
            "2026-11-01T00:00:00Z, 2026-12-01T00:00:00Z, 250.00",
            "2026-10-15T00:00:00Z, 2027-01-01T00:00:00Z, 250.00",
            // starts inside: 15 of 30 days
            "2026-11-16T00:00:00Z, , 125.00",
            // ends inside (exclusive end): 10 of 30 days, 83.333... -> 83.33
            "2026-01-01T00:00:00Z, 2026-11-11T00:00:00Z, 83.33",
            // both inside: 20 of 30 days, 166.666... -> 166.67
            "2026-11-06T00:00:00Z, 2026-11-26T00:00:00Z, 166.67",
            // one second of 2,592,000: 250 / 2592000 = 0.0000964... -> 0.00, no credit
            "2026-11-30T23:59:59Z, , ",
            // to the nanosecond: the last 12 hours and 1 ns; 250 * 43200.000000001 / 2592000 = 4.16666666676... -> 4.17
            "2026-11-30T11:59:59.999999999Z, , 4.17"
    })
    void feeIsProratedByTheCoveredFraction(Instant from, Instant to, String expected) {
        CreditDecision d = CreditCalculator.decide(985, 1000, EUR_1000, NOV, DEC, from, to);
        if (expected == null) {
            assertEquals(ComplianceOutcome.ZERO_AMOUNT, d.outcome());
            assertNull(d.amount());
            return;
        }
        assertEquals(ComplianceOutcome.CREDITED, d.outcome());
        assertEquals(expected, d.amount().toPlainString());
        assertEquals(0, new BigDecimal("25").compareTo(d.creditPercent()), "the percent itself is not prorated");
    }

    @Test
    void roundedOnceAtTheEndNotPerStep() {
        // 10.03 EUR x 25 % = 2.5075 (would round to 2.51); half of it exactly is 1.25375 -> 1.25.
        // Rounding the full-period amount first would give 2.51 / 2 = 1.255 -> 1.26: a cent off.
        Compensation c = new Compensation(new BigDecimal("10.03"), "EUR",
                List.of(new CreditTier(new BigDecimal("99.9"), new BigDecimal("25"))), null, false);
        CreditDecision half = CreditCalculator.decide(0, 1, c, NOV, DEC, Instant.parse("2026-11-16T00:00:00Z"), null);
        assertEquals(new BigDecimal("1.25"), half.amount());
    }

    @ParameterizedTest(name = "JPY fee {0}, half the period -> {1}")
    @CsvSource({
            "1004, 126", // 251 / 2 = 125.5 -> 126 (tie to even)
            "1012, 126", // 253 / 2 = 126.5 -> 126 (tie to even)
            "1020, 128"  // 255 / 2 = 127.5 -> 128 (tie to even)
    })
    void halfEvenAtTheCurrencyScale(BigDecimal fee, String expected) {
        Compensation c = new Compensation(fee, "JPY",
                List.of(new CreditTier(new BigDecimal("99.9"), new BigDecimal("25"))), null, false);
        CreditDecision d = CreditCalculator.decide(0, 1, c, NOV, DEC, Instant.parse("2026-11-16T00:00:00Z"), null);
        assertEquals(expected, d.amount().toPlainString());
    }

    @Test
    void capAppliesToThePercentThenTheFeeIsProrated() {
        Compensation capped = new Compensation(EUR_1000.monthlyFee(), "EUR", EUR_1000.tiers(), new BigDecimal("50"), false);
        CreditDecision d = CreditCalculator.decide(900, 1000, capped, NOV, DEC, Instant.parse("2026-11-16T00:00:00Z"), null);
        assertEquals(0, new BigDecimal("50").compareTo(d.creditPercent()));
        assertEquals(new BigDecimal("250.00"), d.amount()); // 1000 x 50 % x 15/30
    }

    @Test
    void agreementNotInForceDuringThePeriodOwesNothing() {
        assertEquals(ComplianceOutcome.NOT_IN_FORCE,
                CreditCalculator.decide(900, 1000, EUR_1000, NOV, DEC, DEC, null).outcome());
        assertEquals(ComplianceOutcome.NOT_IN_FORCE,
                CreditCalculator.decide(900, 1000, EUR_1000, NOV, DEC, Instant.parse("2026-01-01T00:00:00Z"), NOV)
                        .outcome());
        // met objective: no tier, whatever the coverage
        assertEquals(ComplianceOutcome.NO_TIER,
                CreditCalculator.decide(1000, 1000, EUR_1000, NOV, DEC, DEC, null).outcome());
    }

    @Test
    void coverageIsExactAndAPeriodWithoutEndIsNotProrated() {
        CreditCalculator.Coverage c = CreditCalculator.coverage(NOV, DEC, Instant.parse("2026-11-16T00:00:00Z"), null);
        assertEquals(0, new BigDecimal("1296000000000000").compareTo(c.covered()));
        assertEquals(0, new BigDecimal("2592000000000000").compareTo(c.period()));
        assertTrue(CreditCalculator.coverage(NOV, null, Instant.parse("2026-11-16T00:00:00Z"), null).full());
        assertTrue(CreditCalculator.coverage(NOV, DEC, NOV, DEC).full());
    }
}
