package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.data;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachKind;
import dev.surety.events.BreachOpened;
import dev.surety.events.Comparison;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventType;
import dev.surety.events.Exclusions;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The threshold rule and period compliance of THRESHOLD, PERCENTILE and TIME_SLICE objectives. */
class SliKindsTopologyTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path stateDir;

    DetectorDriver d;

    @BeforeEach
    void start() {
        d = new DetectorDriver(stateDir, T0);
    }

    @AfterEach
    void stop() {
        d.close();
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    private void publish(dev.surety.events.ObjectiveSpec o) {
        d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE, o));
    }

    @Test
    void thresholdObjectiveCountsSamplesThatMeetTheBound() {
        // latency <= 300 ms for 90 % of the samples over 60 s
        publish(spec(SliKind.THRESHOLD, Comparison.LE, "300", null, null, "99", "PT1H", s(60), "90", null,
                List.of(), null, null));
        for (int i = 0; i < 9; i++) {
            d.value(s(i), 120, true);
        }
        d.value(s(9), 900, false);                  // 9/10 = 90 %: on the threshold, not below
        assertEquals(List.of(), d.breaches());
        d.value(s(10), 950, false);                 // 9/11 = 81.8 %
        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(1, out.size());
        BreachOpened opened = data(out.get(0), BreachOpened.class);
        assertEquals(T0.plusSeconds(10), opened.openedAt());
        assertEquals(new BigDecimal("81.818181"), opened.sli());
        assertEquals(BreachKind.THRESHOLD, opened.kind());

        d.measure(HOUR.plusSeconds(5), 0, 0);
        ComplianceRecord c = d.finals().get(0);
        assertEquals(9, c.good());
        assertEquals(11, c.total());
    }

    @Test
    void percentileBreachOpensOnTheSampleThatPushesTheWindowPercentileOverTheBound() {
        // p95 <= 300 ms over a 60 s window; compliance by 1-minute slices
        publish(spec(SliKind.PERCENTILE, Comparison.LE, "300", "95", Duration.ofMinutes(1), "99", "PT1H", s(60),
                null, null, List.of(), null, null));
        for (int i = 1; i <= 100; i++) {
            d.value(Duration.ofMillis(i * 100L), i, true);   // 1..100 ms within the first 10 s
        }
        for (int k = 1; k <= 5; k++) {
            d.value(Duration.ofMillis(10_000 + k), 1_000, false);
        }
        // n = 105: rank ceil(0.95 * 105) = 100 is still the 100 ms sample
        assertEquals(List.of(), d.breaches());
        d.value(s(11), 1_000, false);                 // n = 106: rank 101 is a 1,000 ms sample
        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(1, out.size());
        BreachOpened opened = data(out.get(0), BreachOpened.class);
        assertEquals(T0.plusSeconds(11), opened.openedAt());
        assertEquals(new BigDecimal("300"), opened.threshold());
        // the sketch reports within 1 % of the true value
        assertTrue(opened.sli().doubleValue() >= 990 && opened.sli().doubleValue() <= 1010, opened.sli().toString());
    }

    @Test
    void percentileComplianceCountsSlicesWhosePercentileMeetsTheBound() {
        publish(spec(SliKind.PERCENTILE, Comparison.LE, "300", "95", Duration.ofMinutes(1), "99", "PT1H",
                Duration.ofMinutes(5), null, null, List.of(), null, null));
        d.value(s(10), 100, true);                    // minute 0: p95 = 100 ms, good
        d.value(s(20), 200, true);
        d.value(s(70), 100, true);                    // minute 1: p95 = 800 ms, bad
        d.value(s(80), 800, false);
        d.value(s(130), 250, true);                   // minute 2: good
        d.value(HOUR.plusSeconds(5), 100, true);      // finalizes the first hour
        ComplianceRecord c = d.finals().get(0);
        assertEquals(2, c.good());
        assertEquals(3, c.total());
        assertEquals(new BigDecimal("66.666666"), c.attainment());
    }

    @Test
    void timeSliceObjectiveJudgesSlicesByPercentGoodAndOpensOnTheBadSlice() {
        // a minute is good when >= 99 % of its requests succeed; breach while < 90 % of the slices in 10 min are good
        publish(spec(SliKind.TIME_SLICE, Comparison.GE, "99", null, Duration.ofMinutes(1), "99.9", "PT1H",
                Duration.ofMinutes(10), "90", null, List.of(), null, null));
        d.measure(s(10), 100, 100);                   // minute 0: 100 %
        d.measure(s(50), 99, 100);                    // minute 0: 199/200 = 99.5 %: good
        assertEquals(List.of(), d.breaches());
        d.measure(s(90), 98, 100);                    // minute 1 (open): 98 % -> bad; 1 of 2 slices good
        BreachOpened opened = data(d.breaches().get(0), BreachOpened.class);
        assertEquals(T0.plusSeconds(90), opened.openedAt());
        assertEquals(new BigDecimal("50.000000"), opened.sli());

        d.measure(s(150), 100, 100);                  // minute 2: good
        d.measure(HOUR.plusSeconds(5), 1, 1);
        ComplianceRecord c = d.finals().get(0);
        assertEquals(2, c.good());
        assertEquals(3, c.total());
        assertEquals(1, c.breaches());
        assertEquals(Duration.ZERO, c.excluded());
    }

    @Test
    void timeSliceWithValueSamplesJudgesTheMeanValue() {
        // probe up == 1: a minute is good when the mean of its probes is >= 0.99
        publish(spec(SliKind.TIME_SLICE, Comparison.GE, "0.99", null, Duration.ofMinutes(1), "99", "PT1H",
                Duration.ofMinutes(10), "50", null, List.of(), null, null));
        d.value(s(0), 1, true);
        d.value(s(30), 1, true);                      // minute 0: mean 1
        d.value(s(60), 1, true);
        d.value(s(90), 0, false);                     // minute 1: mean 0.5, bad
        d.value(s(120), 1, true);                     // minute 2: good
        d.value(s(180), 1, true);                     // minute 3: good
        d.value(HOUR.plusSeconds(5), 1, true);
        ComplianceRecord c = d.finals().get(0);
        assertEquals(3, c.good());
        assertEquals(4, c.total());
        assertEquals(new BigDecimal("75.000000"), c.attainment());
    }

    @Test
    void aMeasurementForASliceAlreadyJudgedIsLate() {
        publish(spec(SliKind.TIME_SLICE, Comparison.GE, "99", null, Duration.ofMinutes(1), "99.9", "PT1H",
                Duration.ofMinutes(10), "90", null, List.of(), null, null));
        d.measure(s(10), 100, 100);
        d.measure(s(64), 100, 100);                   // minute 0 ends at 60 s: still within grace
        d.measure(s(59), 0, 100);                     // applied: minute 0 is now 100/200, bad
        assertEquals(0, d.metrics.count("late"));
        d.measure(s(65), 100, 100);                   // stream time 65 s = end + grace: minute 0 judged
        d.measure(s(30), 100, 100);                   // too late for minute 0
        assertEquals(1, d.metrics.count("late"));
        d.measure(HOUR.plusSeconds(5), 1, 1);
        ComplianceRecord c = d.finals().get(0);
        assertEquals(1, c.good());                    // minute 1 good, minute 0 bad
        assertEquals(2, c.total());
        assertNull(d.state(DetectorDriver.KEY).openSlices().get(0L));
        assertEquals(EventType.BREACH_OPENED.ceType(), DetectorDriver.types(d.breaches()).get(0));
    }
}
