package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.detector.AgreementHistory;
import dev.surety.detector.rest.ObjectiveStatus;
import dev.surety.detector.rest.StatusMapper;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachKind;
import dev.surety.events.BurnRateRule;
import dev.surety.events.Comparison;
import dev.surety.events.Exclusions;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of the status endpoint, read from the state the real topology builds: SLI and burn
 * rate of every rule window, firing burn-rate rules and their open breaches, attainment and error
 * budget of the current period — for an event objective and for a time-based one (in minutes).
 */
class StatusFiguresTopologyTest {

    private static final BurnRateRule PAGE_FAST = BurnRateRule.SRE_WORKBOOK.get(0);
    private static final BurnRateRule DOUBLE = new BurnRateRule("double", new BigDecimal("2"), Duration.ofHours(1),
            Duration.ofMinutes(5), "ticket");

    @TempDir
    Path stateDir;

    DetectorDriver d;
    final StatusMapper mapper = new StatusMapper();

    @BeforeEach
    void start() {
        d = new DetectorDriver(stateDir, T0);
    }

    @AfterEach
    void stop() {
        d.close();
    }

    private static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private ObjectiveStatus status(AgreementSnapshot a, Instant now) {
        return mapper.objective(AgreementHistory.of(a), a, a.objectives().get(0), d.state(KEY), now.toEpochMilli());
    }

    @Test
    void aThreeNinesObjectiveWithPointTwoPercentErrorsOverAnHourBurnsItsBudgetTwiceAsFastAsAllowed() {
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.RATIO, null, null, null, null, "99.9", "P30D", m(5), "99", Duration.ZERO,
                        List.of(PAGE_FAST, DOUBLE), null, null));
        d.publish(a);
        // One hour of traffic, 1,000 requests a minute, 2 of them failing: 0.2 % errors.
        for (int i = 0; i < 60; i++) {
            d.measure(m(i), 998, 1_000);
        }

        ObjectiveStatus s = status(a, T0.plus(m(59)));

        assertEquals(T0.plus(m(59)), s.lastMeasurementAt());
        assertEquals(1, s.agreementVersion());
        // Threshold rule, 5 minutes: the 6 measurements of minutes 54..59 (5-second buckets reach back to 54:00).
        assertEquals("PT5M", s.window().length());
        assertEquals("events", s.window().unit());
        assertEquals(6 * 998, s.window().good());
        assertEquals(6_000, s.window().total());
        assertEquals(new BigDecimal("99.800000"), s.window().sli());
        assertEquals(new BigDecimal("2.000000"), s.window().burnRate());
        assertFalse(s.breaching(), "99.8 % is not below the 99 % threshold");

        assertEquals(2, s.burnRates().size());
        ObjectiveStatus.BurnRateStatus fast = s.burnRates().get(0);
        assertEquals("page-fast", fast.rule());
        assertEquals("PT1H", fast.longWindow().length());
        assertEquals(60_000, fast.longWindow().total());
        assertEquals(60_000 - 120, fast.longWindow().good());
        assertEquals(new BigDecimal("99.800000"), fast.longWindow().sli());
        assertEquals(new BigDecimal("2.000000"), fast.longWindow().burnRate());
        assertEquals(new BigDecimal("2.000000"), fast.shortWindow().burnRate());
        assertFalse(fast.firing(), "a burn rate of 2 does not reach 14.4");
        ObjectiveStatus.BurnRateStatus dbl = s.burnRates().get(1);
        assertEquals("double", dbl.rule());
        assertTrue(dbl.firing(), "a burn rate of exactly 2 reaches the factor 2");

        // The factor-2 rule has burned since the first minute: one open burn-rate breach, nothing else.
        assertEquals(1, s.openBreaches().size());
        ObjectiveStatus.OpenBreach open = s.openBreaches().get(0);
        assertEquals(BreachKind.BURN_RATE, open.kind());
        assertEquals("double", open.rule());
        assertEquals("ticket", open.severity());
        assertEquals(T0, open.since());
        assertNull(open.recoveringSince());
        assertNull(s.noData());

        ObjectiveStatus.PeriodStatus p = s.currentPeriod();
        assertEquals(T0, p.start());
        assertEquals(T0.plus(Duration.ofDays(30)), p.end());
        assertEquals(60_000, p.total());
        assertEquals(new BigDecimal("99.800000"), p.attainment());
        assertFalse(p.meetsTarget());
        assertEquals(1, p.breaches());
        // 0.1 % of 60,000 events may fail: 60; 120 did, so the budget is spent twice over.
        assertEquals(new BigDecimal("60.000000"), p.errorBudget().allowedBad());
        assertEquals(120, p.errorBudget().consumedBad());
        assertEquals(new BigDecimal("-1.000000"), p.errorBudget().remaining());
        assertNull(p.errorBudget().remainingMinutes(), "an event objective's budget is not time");
    }

    @Test
    void aHealthyHourLeavesMostOfTheBudgetAndNoBreach() {
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.RATIO, null, null, null, null, "99.9", "P30D", m(5), "99", Duration.ZERO,
                        List.of(PAGE_FAST), null, null));
        d.publish(a);
        for (int i = 0; i < 60; i++) {
            d.measure(m(i), i % 4 == 0 ? 999 : 1_000, 1_000); // 15 errors in 60,000: 0.025 %
        }

        ObjectiveStatus s = status(a, T0.plus(m(59)));

        assertEquals(new BigDecimal("0.250000"), s.burnRates().get(0).longWindow().burnRate());
        assertEquals(List.of(), s.openBreaches());
        assertEquals(new BigDecimal("60.000000"), s.currentPeriod().errorBudget().allowedBad());
        assertEquals(15, s.currentPeriod().errorBudget().consumedBad());
        assertEquals(new BigDecimal("0.750000"), s.currentPeriod().errorBudget().remaining());
        assertTrue(s.currentPeriod().meetsTarget());
    }

    @Test
    void aTimeBasedObjectiveReportsItsBudgetInMinutesOfThePeriod() {
        // Minutes are good when at least 99 % of their requests succeed; 99.9 % of 30 days may be bad: 43.2 minutes.
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.TIME_SLICE, Comparison.GE, "99", null, m(1), "99.9", "P30D", m(5), "90", Duration.ZERO,
                        List.of(PAGE_FAST), NoDataPolicy.IGNORE, null));
        d.publish(a);
        for (int i = 0; i < 10; i++) {
            d.measure(m(i), i == 3 || i == 7 ? 0 : 100, 100);
        }

        ObjectiveStatus s = status(a, T0.plus(m(9)));

        ObjectiveStatus.PeriodStatus p = s.currentPeriod();
        assertEquals("slices", p.unit());
        // Ten minutes with data (the last ones still open, judged as they stand), two of them bad.
        assertEquals(10, p.total());
        assertEquals(8, p.good());
        assertEquals(new BigDecimal("80.000000"), p.attainment());
        assertEquals(new BigDecimal("43.200000"), p.errorBudget().allowedBad());
        assertEquals(2, p.errorBudget().consumedBad());
        assertEquals(new BigDecimal("43.200000"), p.errorBudget().allowedMinutes());
        assertEquals(new BigDecimal("2.000000"), p.errorBudget().consumedMinutes());
        assertEquals(new BigDecimal("41.200000"), p.errorBudget().remainingMinutes());
        assertEquals(new BigDecimal("0.953703"), p.errorBudget().remaining());
        // Over the hour window, 2 bad minutes of 10: an error ratio of 20 %, 200 times the sustainable rate.
        ObjectiveStatus.WindowStatus hour = s.burnRates().get(0).longWindow();
        assertEquals("slices", hour.unit());
        assertEquals(10, hour.total());
        assertEquals(new BigDecimal("200.000000"), hour.burnRate());
    }

    @Test
    void anObjectiveWithoutMeasurementsShowsEmptyWindowsAndAnUntouchedPeriod() {
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.RATIO, null, null, null, null, "99.9", "P30D", m(5), "99", Duration.ZERO,
                        List.of(PAGE_FAST), null, null));
        d.publish(a);

        ObjectiveStatus s = status(a, T0.plus(m(1)));

        assertNull(s.lastMeasurementAt());
        assertEquals(0, s.window().total());
        assertNull(s.window().sli());
        assertNull(s.window().burnRate());
        assertNull(s.burnRates().get(0).longWindow().from());
        assertEquals(List.of(), s.openBreaches());
        assertEquals(0, s.currentPeriod().total());
        assertNull(s.currentPeriod().attainment());
        assertNull(s.currentPeriod().errorBudget().remaining());
    }
}
