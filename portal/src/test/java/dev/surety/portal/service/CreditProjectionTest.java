package dev.surety.portal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.portal.service.CreditProjection.Result;
import dev.surety.portal.service.CreditProjection.Schedule;
import dev.surety.portal.service.CreditProjection.Tier;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreditProjectionTest {

    /** 99.9 -> 10 %, 99.0 -> 25 %, 95.0 -> 50 % of 1000.00 EUR. */
    private static final Schedule SCHEDULE = new Schedule(List.of(
            new Tier(new BigDecimal("99.9"), new BigDecimal("10")),
            new Tier(new BigDecimal("99.0"), new BigDecimal("25")),
            new Tier(new BigDecimal("95.0"), new BigDecimal("50"))),
            new BigDecimal("1000.00"), "EUR", new BigDecimal("100"));
    private static final long MONTH = Duration.ofDays(30).toSeconds();

    private static Result at(String attainment) {
        return CreditProjection.atAttainment(new BigDecimal(attainment), MONTH, MONTH, SCHEDULE);
    }

    @Test
    void anAttainmentExactlyOnABoundIsNotBelowIt() {
        Result r = at("99.0");
        assertEquals(new BigDecimal("10"), r.creditPercent(), "99.0 is below 99.9 but not below 99.0");
        assertEquals(new BigDecimal("100.00"), r.creditAmount());
        // 99.0 % of 30 days leaves exactly 432 minutes bad; one more second is below 99.0
        assertEquals(1L, r.secondsToNextTier());
        assertEquals(new BigDecimal("99.0"), r.nextTier().orElseThrow().belowPercent());
    }

    @Test
    void justBelowABoundEarnsThatTier() {
        Result r = at("98.999999");
        assertEquals(new BigDecimal("25"), r.creditPercent());
        assertEquals(new BigDecimal("250.00"), r.creditAmount());
        assertEquals(new BigDecimal("95.0"), r.nextTier().orElseThrow().belowPercent());
    }

    @Test
    void minutesToTheNextTierCountTheSecondThatCrossesTheBound() {
        // 99.0 % of 30 days = 25 920 s bad allowed; at 99.0277... we have 720 s less bad than that
        BigDecimal attainment = new BigDecimal("100").subtract(new BigDecimal("25200").multiply(new BigDecimal("100"))
                .divide(BigDecimal.valueOf(MONTH), 6, java.math.RoundingMode.DOWN));
        Result r = CreditProjection.atAttainment(attainment, MONTH, MONTH, SCHEDULE);
        assertEquals(new BigDecimal("10"), r.creditPercent());
        long s = r.secondsToNextTier();
        assertTrue(s > 720 && s <= 722, "crossing 99.0 needs just over 12 minutes, got " + s + " s");
        assertTrue(r.nextTierReachable());
    }

    @Test
    void meetingTheTargetEarnsNothingAndNamesTheFirstTier() {
        Result r = at("99.95");
        assertTrue(r.tier().isEmpty());
        assertEquals(new BigDecimal("0.00"), r.creditAmount());
        assertEquals(new BigDecimal("99.9"), r.nextTier().orElseThrow().belowPercent());
        // 0.05 % of 30 days = 1296 s: exactly at 99.9 after 1296 s, below after 1297 s
        assertEquals(1297L, r.secondsToNextTier());
    }

    @Test
    void theWorstTierHasNoNextTier() {
        Result r = at("80");
        assertEquals(new BigDecimal("50"), r.creditPercent());
        assertTrue(r.nextTier().isEmpty());
        assertNull(r.secondsToNextTier());
        assertFalse(r.nextTierReachable());
    }

    @Test
    void theCapLimitsTheCredit() {
        Schedule capped = new Schedule(SCHEDULE.tiers(), new BigDecimal("1000.00"), "EUR", new BigDecimal("30"));
        Result r = CreditProjection.atAttainment(new BigDecimal("90"), MONTH, MONTH, capped);
        assertEquals(new BigDecimal("30"), r.creditPercent());
        assertEquals(new BigDecimal("300.00"), r.creditAmount());
    }

    @Test
    void theCurrentBurnRateCarriesThePeriodToItsEnd() {
        // half the period at 100 %, the current rate is 4 % bad: the end lands at 98 %
        Result r = CreditProjection.project(new BigDecimal("100"), new BigDecimal("0.04"),
                Duration.ofDays(30), Duration.ofDays(15), SCHEDULE);
        assertEquals(0, new BigDecimal("98").compareTo(r.projectedAttainment()), r.toString());
        assertEquals(new BigDecimal("25"), r.creditPercent());
    }

    @Test
    void withoutALiveRateTheProjectionIsTheAttainmentSoFar() {
        Result r = CreditProjection.project(new BigDecimal("99.5"), null, Duration.ofDays(30), Duration.ofDays(10),
                SCHEDULE);
        assertEquals(0, new BigDecimal("99.5").compareTo(r.projectedAttainment()));
        assertEquals(new BigDecimal("10"), r.creditPercent());
    }

    @Test
    void downtimeThatNoLongerFitsInThePeriodIsOutOfReach() {
        Result r = CreditProjection.atAttainment(new BigDecimal("99.95"), MONTH, 600, SCHEDULE);
        assertEquals(1297L, r.secondsToNextTier());
        assertFalse(r.nextTierReachable());
    }

    @Test
    void currenciesUseTheirOwnScale() {
        Schedule yen = new Schedule(SCHEDULE.tiers(), new BigDecimal("10001"), "JPY", null);
        assertEquals(new BigDecimal("2500"), CreditProjection.atAttainment(new BigDecimal("98"), MONTH, MONTH, yen)
                .creditAmount(), "2500.25 rounds half-even to the yen");
    }
}
