package dev.surety.credit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.events.Compensation;
import dev.surety.events.CreditTier;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The credit arithmetic at and around every bound, the cap, and rounding per currency. */
class CreditCalculatorTest {

    /** Fee 1000.00 EUR; below 99.9 -> 10 %, below 99.0 -> 25 %, below 95.0 -> 100 %. */
    private static final Compensation SCHEDULE = eur("1000.00", null);

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource({
            // on and around 99.9
            "1000, 1000, , ",
            "9999, 10000, , ",
            "999, 1000, , ",                       // 99.9 exactly: not below 99.9
            "9990000, 10000000, , ",               // 99.9 exactly with other counts
            "998999, 1000000, 99.9, 100.00",       // 99.8999
            "99899, 100000, 99.9, 100.00",         // 99.899
            "998, 1000, 99.9, 100.00",
            // on and around 99.0
            "990, 1000, 99.9, 100.00",             // 99.0 exactly: not below 99.0, still below 99.9
            "9899999, 10000000, 99.0, 250.00",     // 98.99999
            "985, 1000, 99.0, 250.00",             // 98.5
            // on and around 95.0
            "950, 1000, 99.0, 250.00",             // 95.0 exactly: not below 95.0
            "94999999, 100000000, 95.0, 1000.00",  // 94.999999
            "0, 1000, 95.0, 1000.00"
    })
    void deepestTierStrictlyBelow(long good, long total, BigDecimal expectedBound, BigDecimal expectedAmount) {
        CreditDecision d = CreditCalculator.decide(good, total, SCHEDULE);
        if (expectedBound == null) {
            assertEquals(ComplianceOutcome.NO_TIER, d.outcome());
            assertNull(d.amount());
        } else {
            assertEquals(ComplianceOutcome.CREDITED, d.outcome());
            assertEquals(0, expectedBound.compareTo(d.tierBelowPercent()));
            assertEquals(expectedAmount, d.amount()); // equals: value AND scale
            assertEquals("EUR", d.currency());
        }
    }

    @Test
    void boundsAreComparedOnCountsNotOnARoundedAttainment() {
        long total = 1_000_000_000_000_000L;
        long onBound = 999_000_000_000_000L; // exactly 99.9
        assertFalse(CreditCalculator.strictlyBelow(onBound, total, new BigDecimal("99.9")));
        // one bad event in 10^18: the attainment rounded to 6 decimals would still read 99.900000
        assertTrue(CreditCalculator.strictlyBelow(onBound - 1, total, new BigDecimal("99.9")));
        assertEquals(new BigDecimal("99.899999"), CreditCalculator.attainment(onBound - 1, total));
        // no overflow near Long.MAX_VALUE
        assertTrue(CreditCalculator.strictlyBelow(Long.MAX_VALUE - 1, Long.MAX_VALUE, new BigDecimal("100")));
        assertFalse(CreditCalculator.strictlyBelow(Long.MAX_VALUE, Long.MAX_VALUE, new BigDecimal("100")));
    }

    @Test
    void boundsWithManyDecimals() {
        Compensation c = new Compensation(new BigDecimal("1000.00"), "EUR",
                List.of(new CreditTier(new BigDecimal("99.95"), new BigDecimal("5"))), null, false);
        assertEquals(ComplianceOutcome.NO_TIER, CreditCalculator.decide(1999, 2000, c).outcome()); // 99.95
        assertEquals(new BigDecimal("50.00"), CreditCalculator.decide(19989, 20000, c).amount()); // 99.945
    }

    @Test
    void noValidEventsEarnNothing() {
        CreditDecision d = CreditCalculator.decide(0, 0, SCHEDULE);
        assertEquals(ComplianceOutcome.NO_DATA, d.outcome());
        assertNull(d.amount());
    }

    @Test
    void tierOrderInTheScheduleDoesNotMatter() {
        Compensation shuffled = new Compensation(new BigDecimal("1000.00"), "EUR", List.of(
                new CreditTier(new BigDecimal("95.0"), new BigDecimal("100")),
                new CreditTier(new BigDecimal("99.9"), new BigDecimal("10")),
                new CreditTier(new BigDecimal("99.0"), new BigDecimal("25"))), null, false);
        assertEquals(new BigDecimal("250.00"), CreditCalculator.decide(985, 1000, shuffled).amount());
        assertEquals(new BigDecimal("1000.00"), CreditCalculator.decide(900, 1000, shuffled).amount());
    }

    @Test
    void capLimitsTheCreditPercent() {
        CreditDecision capped = CreditCalculator.decide(900, 1000, eur("1000.00", new BigDecimal("50")));
        assertEquals(0, new BigDecimal("50").compareTo(capped.creditPercent()));
        assertEquals(new BigDecimal("500.00"), capped.amount());
        // under the cap: the tier's own percent
        assertEquals(new BigDecimal("250.00"),
                CreditCalculator.decide(985, 1000, eur("1000.00", new BigDecimal("50"))).amount());
        // no cap given: 100 %
        Compensation generous = new Compensation(new BigDecimal("80.00"), "EUR",
                List.of(new CreditTier(new BigDecimal("99"), new BigDecimal("150"))), null, false);
        assertEquals(new BigDecimal("80.00"), CreditCalculator.decide(0, 10, generous).amount());
    }

    @ParameterizedTest(name = "{0} {1} x {2}% = {3}")
    @CsvSource({
            // HALF_EVEN at the currency's default fraction digits
            "JPY, 1001, 25, 250",      // 250.25 -> 250
            "JPY, 1002, 25, 250",      // 250.5  -> 250 (tie to even)
            "JPY, 1006, 25, 252",      // 251.5  -> 252 (tie to even)
            "JPY, 1003, 25, 251",      // 250.75 -> 251
            "EUR, 10.05, 25, 2.51",    // 2.5125 -> 2.51
            "EUR, 0.10, 25, 0.02",     // 0.025  -> 0.02 (tie to even)
            "EUR, 0.30, 25, 0.08",     // 0.075  -> 0.08 (tie to even)
            "EUR, 1000, 25, 250.00",   // fee written without decimals still yields cents
            "BHD, 1.000, 10.5, 0.105", // three decimals
            "BHD, 1.000, 10.55, 0.106" // 0.1055 -> 0.106 (tie to even)
    })
    void roundsHalfEvenAtTheCurrencyScale(String currency, BigDecimal fee, BigDecimal percent, String expected) {
        Compensation c = new Compensation(fee, currency,
                List.of(new CreditTier(new BigDecimal("99.9"), percent)), null, false);
        CreditDecision d = CreditCalculator.decide(0, 1, c);
        assertEquals(new BigDecimal(expected), d.amount());
        assertEquals(expected, d.amount().toPlainString());
    }

    @Test
    void amountRoundingToZeroIsNoCredit() {
        Compensation c = new Compensation(new BigDecimal("1"), "JPY",
                List.of(new CreditTier(new BigDecimal("99.9"), new BigDecimal("10"))), null, false);
        CreditDecision d = CreditCalculator.decide(0, 1, c); // 0.1 JPY -> 0
        assertEquals(ComplianceOutcome.ZERO_AMOUNT, d.outcome());
        assertNull(d.amount());
    }

    @Test
    void unusableSchedulesAreReportedNotGuessed() {
        assertEquals(ComplianceOutcome.NO_COMPENSATION, CreditCalculator.decide(1, 2, null).outcome());
        assertEquals(ComplianceOutcome.NO_COMPENSATION, CreditCalculator.decide(1, 2,
                new Compensation(new BigDecimal("10"), "EUR", List.of(), null, false)).outcome());
        assertThrows(InvalidCompensationException.class, () -> CreditCalculator.decide(1, 2,
                new Compensation(new BigDecimal("10"), "EURO", SCHEDULE.tiers(), null, false)));
        assertThrows(InvalidCompensationException.class, () -> CreditCalculator.decide(1, 2,
                new Compensation(new BigDecimal("10"), "XXX", SCHEDULE.tiers(), null, false)));
        assertThrows(InvalidCompensationException.class, () -> CreditCalculator.decide(1, 2,
                new Compensation(new BigDecimal("-10"), "EUR", SCHEDULE.tiers(), null, false)));
        assertThrows(IllegalArgumentException.class, () -> CreditCalculator.decide(3, 2, SCHEDULE));
        assertThrows(IllegalArgumentException.class, () -> CreditCalculator.decide(-1, 2, SCHEDULE));
    }

    @Test
    void attainmentIsRoundedDownToSixDecimals() {
        assertEquals(new BigDecimal("98.500000"), CreditCalculator.attainment(985, 1000));
        assertEquals(new BigDecimal("66.666666"), CreditCalculator.attainment(2, 3));
        assertEquals(new BigDecimal("100.000000"), CreditCalculator.attainment(0, 0));
    }

    private static Compensation eur(String fee, BigDecimal cap) {
        return new Compensation(new BigDecimal(fee), "EUR", List.of(
                new CreditTier(new BigDecimal("99.9"), new BigDecimal("10")),
                new CreditTier(new BigDecimal("99.0"), new BigDecimal("25")),
                new CreditTier(new BigDecimal("95.0"), new BigDecimal("100"))), cap, false);
    }
}
