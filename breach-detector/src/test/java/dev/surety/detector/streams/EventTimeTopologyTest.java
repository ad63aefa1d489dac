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
import dev.surety.events.Comparison;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventCodec;
import dev.surety.events.Exclusions;
import dev.surety.events.Measurement;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
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

    @Test
    void aMeasurementWithinGraceTipsAnOpenRuleAndALaterOneIsOnlyCounted() {
        try (DetectorDriver d = new DetectorDriver(inOrderDir, T0)) {
            d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                    spec(SliKind.RATIO, null, null, null, null, "99", "PT1M", Duration.ofSeconds(60), "99", null,
                            List.of(), null, null)));
            d.measure(Duration.ofSeconds(50), 100, 100);
            d.measure(Duration.ofSeconds(62), 100, 100);
            d.measure(Duration.ofSeconds(58), 0, 100);     // 4 s late: applied, opens at stream time 62 s
            BreachOpened opened = DetectorDriver.data(d.breaches().get(0), BreachOpened.class);
            assertEquals(T0.plusSeconds(62), opened.openedAt());
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
