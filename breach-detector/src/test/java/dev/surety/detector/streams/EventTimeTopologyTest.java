package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.AGREEMENT;
import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.OBJECTIVE;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.BurnRateRule;
import dev.surety.events.Comparison;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventCodec;
import dev.surety.events.Exclusions;
import dev.surety.events.Measurement;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event time: measurements reordered within the grace period give the same breaches and the same
 * compliance as in order; a measurement within grace changes an open breach; later ones are counted.
 */
class EventTimeTopologyTest {

    @TempDir
    Path inOrderDir;

    @TempDir
    Path shuffledDir;

    /** Results of one run: every breach and FINAL compliance event as bytes, plus the window's sums. */
    private record Run(List<String> breaches, List<String> finals, long windowGood, long windowTotal) {
    }

    /** Measurements once per second for 130 s; seconds 30..34 fail; one-minute periods. */
    private static List<Measurement> workload() {
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            Instant at = T0.plusSeconds(i);
            boolean bad = i >= 30 && i < 35;
            out.add(new Measurement("m-" + i, "raw-" + i, AGREEMENT, 1, OBJECTIVE, "acme", at, bad ? 0 : 100, 100));
        }
        return out;
    }

    private static Run run(Path dir, ObjectiveSpec objective, List<Measurement> order) {
        try (DetectorDriver d = new DetectorDriver(dir, T0)) {
            d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE, objective));
            order.forEach(d::send);
            List<String> breaches = d.breaches().stream().map(EventTimeTopologyTest::text).toList();
            List<String> finals = d.compliance().stream().map(EventTimeTopologyTest::text).toList();
            assertEquals(0, d.metrics.count("late"));
            return new Run(breaches, finals, d.state(KEY).window().good(), d.state(KEY).window().total());
        }
    }

    private static String text(TestRecord<String, byte[]> r) {
        return r.getRecordTime() + " " + new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Swaps neighbours 1-4 s apart everywhere except around the two instants the rule changes (the
     * first failure at 30 s and its leaving the window at 95 s), so each rule transition still happens
     * on the same measurement; every period boundary (each minute) is crossed out of order.
     */
    private static List<Measurement> shuffledWithinGrace(List<Measurement> in) {
        List<Measurement> out = new ArrayList<>(in);
        for (int i = 0; i + 4 < out.size(); i += 5) {
            int start = i;
            if (start <= 30 && start + 4 >= 30 || start <= 95 && start + 4 >= 95) {
                continue;
            }
            // 0 1 2 3 4 -> 4 2 0 3 1: at most 4 s out of order, within the 5 s grace
            List<Measurement> block = List.of(out.get(start + 4), out.get(start + 2), out.get(start),
                    out.get(start + 3), out.get(start + 1));
            for (int k = 0; k < 5; k++) {
                out.set(start + k, block.get(k));
            }
        }
        return out;
    }

    @Test
    void reorderingWithinGraceGivesTheSameBreachesAndCompliance() {
        ObjectiveSpec ratio = spec(SliKind.RATIO, null, null, null, null, "99", "PT1M", Duration.ofSeconds(60), "99",
                null, List.of(), null, null);
        List<Measurement> inOrder = workload();
        List<Measurement> shuffled = shuffledWithinGrace(inOrder);
        assertFalse(inOrder.equals(shuffled));
        Run a = run(inOrderDir, ratio, inOrder);
        Run b = run(shuffledDir, ratio, shuffled);
        assertEquals(2, a.breaches().size(), "one episode: opened and resolved");
        assertEquals(2, a.finals().size(), "minutes 0 and 1 are final at 2:05");
        assertEquals(a, b);
    }

    @Test
    void reorderingWithinGraceGivesTheSameTimeSliceCompliance() {
        ObjectiveSpec slices = spec(SliKind.TIME_SLICE, Comparison.GE, "99", null, Duration.ofSeconds(10), "99",
                "PT1M", Duration.ofSeconds(60), "10", null, List.of(), null, null);
        List<Measurement> inOrder = workload();
        Run a = run(inOrderDir, slices, inOrder);
        Run b = run(shuffledDir, slices, shuffledWithinGrace(inOrder));
        assertEquals(a.finals(), b.finals());
        assertEquals(2, a.finals().size());
        ComplianceRecord first = EventCodec.decode(
                a.finals().get(0).substring(a.finals().get(0).indexOf(" ") + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8), ComplianceRecord.class);
        assertEquals(5, first.good());     // 10 s slices: 30..39 s holds the failures
        assertEquals(6, first.total());
    }

    /** Measurements each second for 130 s, all good but one: {@code bad} at second {@code badAt}. */
    private static List<Measurement> oneBad(int badAt, Measurement bad) {
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            out.add(i == badAt ? bad
                    : new Measurement("m-" + i, "raw-" + i, AGREEMENT, 1, OBJECTIVE, "acme", T0.plusSeconds(i), 100, 100));
        }
        return out;
    }

    /**
     * Runs {@code inOrder}, and again with measurement {@code from} delivered after the next {@code later} ones;
     * asserts both publish the same {@code breaches} breach events byte for byte; returns the first BreachOpened.
     */
    private BreachOpened sameInOrderAndDelayed(ObjectiveSpec objective, List<Measurement> inOrder, int from, int later,
                                               int breaches) {
        List<Measurement> delayed = new ArrayList<>(inOrder);
        delayed.add(from + later, delayed.remove(from));
        Run a = run(inOrderDir, objective, inOrder);
        Run b = run(shuffledDir, objective, delayed);
        assertEquals(breaches, a.breaches().size());
        assertEquals(a, b);
        String first = b.breaches().get(0);
        return EventCodec.decode(first.substring(first.indexOf(' ') + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                BreachOpened.class);
    }

    @Test
    void aMeasurementThatMakesTheRuleTrueOutOfOrderOpensTheSameBreachAsInOrder() {
        ObjectiveSpec ratio = spec(SliKind.RATIO, null, null, null, null, "99", "PT1M", Duration.ofSeconds(60), "99",
                Duration.ofSeconds(10), List.of(), null, null);
        List<Measurement> inOrder = oneBad(30,
                new Measurement("m-30", "raw-30", AGREEMENT, 1, OBJECTIVE, "acme", T0.plusSeconds(30), 0, 100));
        // 30 s arrives after 31..34 s (4 s late, within the 5 s grace), which alone keep the rule false
        BreachOpened opened = sameInOrderAndDelayed(ratio, inOrder, 30, 4, 2);   // opened and resolved
        assertEquals(T0.plusSeconds(30), opened.openedAt());
        assertEquals(new BigDecimal("96.774193"), opened.sli());   // 3 000 of 3 100 at 30 s, as in order
    }

    @Test
    void aBurnRatePairMadeTrueOutOfOrderFiresAtThatMeasurementsTime() {
        // SRE workbook numbers for 99.9 %: page at error ratio > 0.0144 over both windows (here 5 min and 1 min)
        ObjectiveSpec burn = spec(SliKind.RATIO, null, null, null, null, "99.9", "PT1H", Duration.ofMinutes(1), "1",
                Duration.ofSeconds(10), List.of(new BurnRateRule("page", new BigDecimal("14.4"), Duration.ofMinutes(5),
                        Duration.ofMinutes(1), "page")), null, null);
        // 130 good seconds of 100 events; at 100 s one measurement of 300 failures: 300 / 10 300 = 0.029
        List<Measurement> inOrder = oneBad(100,
                new Measurement("m-100", "raw-100", AGREEMENT, 1, OBJECTIVE, "acme", T0.plusSeconds(100), 0, 300));
        BreachOpened opened = sameInOrderAndDelayed(burn, inOrder, 100, 3, 1);   // still burning at 129 s
        assertEquals(T0.plusSeconds(100), opened.openedAt());
        assertEquals("page", opened.rule());
    }

    @Test
    void aPercentileMadeTooHighOutOfOrderOpensAtThatSamplesTime() {
        // p50 <= 300 ms over 10 s; one sample a second, of 100 ms, but 2 000 ms at 20..25 s
        ObjectiveSpec p50 = spec(SliKind.PERCENTILE, Comparison.LE, "300", "50", Duration.ofMinutes(1), "99", "PT1H",
                Duration.ofSeconds(10), null, Duration.ofSeconds(5), List.of(), null, null);
        List<Measurement> inOrder = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            boolean slow = i >= 20 && i <= 25;
            inOrder.add(new Measurement("m-" + i, "raw-" + i, AGREEMENT, 1, OBJECTIVE, "acme", T0.plusSeconds(i),
                    slow ? 0 : 1, 1, slow ? 2_000.0 : 100.0));
        }
        // in order the 6th slow sample (25 s) tips p50 over 300 ms; it arrives after 26..29 s
        BreachOpened opened = sameInOrderAndDelayed(p50, inOrder, 25, 4, 2);
        assertEquals(T0.plusSeconds(25), opened.openedAt());
    }

    /** {@link #oneBad} with a measurement of 10 000 failures at second {@code badAt}. */
    private static List<Measurement> oneVeryBad(int badAt) {
        return oneBad(badAt, new Measurement("m-" + badAt, "raw-" + badAt, AGREEMENT, 1, OBJECTIVE, "acme",
                T0.plusSeconds(badAt), 0, 10_000));
    }

    @Test
    void aTimeSliceMadeBadOutOfOrderOpensAtThatMeasurementsTime() {
        // 10 s slices good at >= 99 %; rule: at least 90 % good slices over 60 s
        ObjectiveSpec slices = spec(SliKind.TIME_SLICE, Comparison.GE, "99", null, Duration.ofSeconds(10), "99",
                "PT1H", Duration.ofSeconds(60), "90", Duration.ofSeconds(10), List.of(), null, null);
        // in order, 30 s makes the open slice 30..40 s bad at once; it arrives after 31..34 s, which alone keep it good
        BreachOpened opened = sameInOrderAndDelayed(slices, oneVeryBad(30), 30, 4, 2);
        assertEquals(T0.plusSeconds(30), opened.openedAt());
        assertEquals(new BigDecimal("75.000000"), opened.sli());   // slices 0, 10, 20 good, 30 bad, as in order
    }

    @Test
    void aSliceClosedWhileAMeasurementWasLateCountsInTheWindowAsItStoodThen() {
        // a 10 s window of 10 s slices: at 30 s it still covers slice 20..30 s (open until 35 s, with the 5 s grace)
        ObjectiveSpec slices = spec(SliKind.TIME_SLICE, Comparison.GE, "99", null, Duration.ofSeconds(10), "99",
                "PT1H", Duration.ofSeconds(10), "90", Duration.ofSeconds(10), List.of(), null, null);
        // 30 s arrives after 31..35 s: slice 20..30 s closed at 35 s, after the window had left it behind
        BreachOpened opened = sameInOrderAndDelayed(slices, oneVeryBad(30), 30, 5, 2);
        assertEquals(T0.plusSeconds(30), opened.openedAt());
        assertEquals(new BigDecimal("50.000000"), opened.sli());   // slice 20 good, slice 30 bad
    }

    @Test
    void aBurnRateOnTimeSlicesMadeTrueOutOfOrderFiresAtThatMeasurementsTime() {
        // 90 % of slices good; burning twice the budget (>= 20 % bad slices) over 60 s and 20 s
        ObjectiveSpec burn = spec(SliKind.TIME_SLICE, Comparison.GE, "99", null, Duration.ofSeconds(10), "90",
                "PT1H", Duration.ofSeconds(60), "1", Duration.ofSeconds(10), List.of(new BurnRateRule("fast",
                        new BigDecimal("2"), Duration.ofSeconds(60), Duration.ofSeconds(20), "page")), null, null);
        BreachOpened opened = sameInOrderAndDelayed(burn, oneVeryBad(30), 30, 4, 2);
        assertEquals(T0.plusSeconds(30), opened.openedAt());
        assertEquals("fast", opened.rule());
        assertEquals(new BigDecimal("75.000000"), opened.sli());   // the long window: 3 of 4 slices good
    }

    @Test
    void aGoodMeasurementOutOfOrderStartsTheHoldTimeWhereItWouldHaveInOrder() {
        ObjectiveSpec ratio = spec(SliKind.RATIO, null, null, null, null, "99", "PT1M", Duration.ofSeconds(60), "50",
                Duration.ofSeconds(3), List.of(), null, null);
        try (DetectorDriver inOrder = new DetectorDriver(inOrderDir, T0);
             DetectorDriver late = new DetectorDriver(shuffledDir, T0)) {
            for (DetectorDriver d : List.of(inOrder, late)) {
                d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE, ratio));
                d.measure(Duration.ofSeconds(10), 0, 100);        // opens: 0 %
            }
            inOrder.measure(Duration.ofSeconds(11), 1_000, 1_000); // 90.9 %: false from 11 s
            inOrder.measure(Duration.ofSeconds(12), 0, 100);      // 83.3 %
            inOrder.measure(Duration.ofSeconds(14), 0, 100);      // 76.9 %: held 3 s, resolved at 14 s
            late.measure(Duration.ofSeconds(12), 0, 100);         // 0 %: still true
            late.measure(Duration.ofSeconds(14), 0, 100);
            late.measure(Duration.ofSeconds(11), 1_000, 1_000);   // 3 s late: false since 11 s, so resolved at 14 s
            List<TestRecord<String, byte[]>> published = late.breaches();
            assertEquals(texts(inOrder.breaches()), texts(published));
            BreachResolved resolved = DetectorDriver.data(published.get(1), BreachResolved.class);
            assertEquals(T0.plusSeconds(14), resolved.resolvedAt());
        }
    }

    private static List<String> texts(List<TestRecord<String, byte[]>> records) {
        return records.stream().map(EventTimeTopologyTest::text).toList();
    }

    @Test
    void aMeasurementWithinGraceTipsAnOpenRuleAndALaterOneIsOnlyCounted() {
        try (DetectorDriver d = new DetectorDriver(inOrderDir, T0)) {
            d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                    spec(SliKind.RATIO, null, null, null, null, "99", "PT1M", Duration.ofSeconds(60), "99", null,
                            List.of(), null, null)));
            d.measure(Duration.ofSeconds(50), 100, 100);
            d.measure(Duration.ofSeconds(62), 100, 100);
            d.measure(Duration.ofSeconds(58), 0, 100);     // 4 s late: applied, opens at its own time, as in order
            BreachOpened opened = DetectorDriver.data(d.breaches().get(0), BreachOpened.class);
            assertEquals(T0.plusSeconds(58), opened.openedAt());
            assertEquals(new BigDecimal("50.000000"), opened.sli());   // the window at 58 s: 100 of 200
            d.measure(Duration.ofSeconds(65), 100, 100);   // minute 0 is final at 65 s
            d.measure(Duration.ofSeconds(59), 100_000, 100_000);  // too late: counted, not applied
            assertEquals(1, d.metrics.count("late"));
            List<ComplianceRecord> finals = d.finals();
            assertEquals(1, finals.size());
            assertEquals(100, finals.get(0).good());
            assertEquals(200, finals.get(0).total());
        }
    }
}
