package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.data;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachResolved;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventType;
import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.NoDataStarted;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wall-clock punctuation looks only at the objectives that are due (each task keeps a schedule
 * of their next deadline, rebuilt when the task starts): what is published, and when, must be what
 * a scan of every objective every second published — across restarts and new agreement versions —,
 * except that one punctuation looks at no more than {@code wall-clock-visits} of them.
 */
class ScheduleTopologyTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    private static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static ObjectiveSpec ratio(String period, Duration noDataAfter) {
        return spec(SliKind.RATIO, null, null, null, Duration.ofMinutes(1), "99", period, Duration.ofSeconds(60),
                "99", null, List.of(), NoDataPolicy.IGNORE, noDataAfter);
    }

    private static AgreementSnapshot active(ObjectiveSpec o) {
        return agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE, o);
    }

    @Test
    void noDataIsDetectedOnTimeAfterARestart() {
        AgreementSnapshot a = active(ratio("P30D", m(5)));
        try (DetectorDriver before = new DetectorDriver(first, T0)) {
            before.publish(a);
            before.measure(Duration.ZERO, 100, 100);
            before.advanceWallClock(m(2));
            assertEquals(List.of(), before.breaches());
            copy(first, second);
        }
        try (DetectorDriver after = new DetectorDriver(second, T0.plus(m(2)))) {
            after.publish(a);
            after.advanceWallClock(Duration.ofSeconds(1));
            after.advanceWallClock(m(2).plusSeconds(58));              // T0 + 4:59: silent for less than 5 min
            assertEquals(List.of(), after.breaches());
            after.advanceWallClock(Duration.ofSeconds(1));             // T0 + 5:00
            List<NoDataStarted> started = after.breaches().stream().map(r -> data(r, NoDataStarted.class)).toList();
            assertEquals(1, started.size());
            assertEquals(T0, started.get(0).lastDataAt());
            assertEquals(T0.plus(m(5)), started.get(0).detectedAt());
            for (int i = 0; i < 5; i++) {
                after.advanceWallClock(Duration.ofSeconds(1));
            }
            after.advanceWallClock(m(30));
            assertEquals(List.of(), after.breaches());                 // once per episode
        }
    }

    @Test
    void aPeriodIsFinalOnceAtItsEndPlusGraceAcrossARestart() {
        AgreementSnapshot a = active(ratio("PT1H", Duration.ofDays(1)));
        try (DetectorDriver before = new DetectorDriver(first, T0)) {
            before.publish(a);
            before.measure(m(10), 99, 100);
            before.advanceWallClock(m(20));
            before.advanceWallClock(m(20));
            assertEquals(List.of(), before.finals());
            copy(first, second);
        }
        try (DetectorDriver after = new DetectorDriver(second, T0.plus(m(40)))) {
            after.publish(a);
            after.advanceWallClock(Duration.ofSeconds(1));
            after.advanceWallClock(m(20).plusSeconds(3));              // T0 + 1 h + 4 s: within grace
            assertEquals(List.of(), after.finals());
            after.advanceWallClock(Duration.ofSeconds(1));             // T0 + 1 h + 5 s = end + grace
            List<ComplianceRecord> finals = after.finals();
            assertEquals(1, finals.size());
            assertEquals(T0, finals.get(0).periodStart());
            assertEquals(99, finals.get(0).good());
            assertEquals(100, finals.get(0).total());
            for (int i = 0; i < 5; i++) {
                after.advanceWallClock(Duration.ofSeconds(1));
            }
            after.advanceWallClock(m(90));
            assertEquals(List.of(), after.finals());
            after.measure(m(30), 1, 1);                                // its period is final: late
            assertEquals(1, after.metrics.count("late"));
        }
    }

    @Test
    void aNewVersionIsLookedAtByTheNextPunctuationEvenWithNothingDue() {
        try (DetectorDriver d = new DetectorDriver(first, T0)) {
            d.publish(active(ratio("P30D", Duration.ofDays(1))));
            d.measure(m(1), 0, 100);                                   // opens a breach
            d.breaches();
            d.advanceWallClock(m(2));                                  // the schedule is built; nothing due for a day
            d.advanceWallClock(Duration.ofSeconds(1));
            assertEquals(List.of(), d.breaches());
            d.publish(agreement(2, AgreementStatus.SUSPENDED, T0.plus(m(2)), "UTC", Exclusions.NONE,
                    ratio("P30D", Duration.ofDays(1))));
            d.advanceWallClock(Duration.ofSeconds(1));
            List<BreachResolved> resolved = d.breaches().stream().map(r -> data(r, BreachResolved.class)).toList();
            assertEquals(1, resolved.size());
            assertEquals(BreachResolved.AGREEMENT_INACTIVE, resolved.get(0).reason());
            assertEquals(T0.plus(m(2)), resolved.get(0).resolvedAt());
            assertNull(d.state(KEY).breachId());
        }
    }

    @Test
    void maintenanceAddedByANewVersionCutsAnOpenBreachWhenItBegins() {
        ObjectiveSpec o = ratio("P30D", Duration.ofDays(1));
        try (DetectorDriver d = new DetectorDriver(first, T0)) {
            d.publish(active(o));
            d.measure(m(1), 0, 100);                                   // opens a breach
            assertEquals(List.of(EventType.BREACH_OPENED.ceType()), DetectorDriver.types(d.breaches()));
            d.advanceWallClock(m(2));
            Instant start = T0.plus(m(10));
            Exclusions maintenance = new Exclusions(List.of(new MaintenanceWindow("mw-1", "upgrade", start, m(30),
                    null, null, T0, true)), null, List.of());
            d.publish(agreement(2, AgreementStatus.ACTIVE, T0.plus(m(2)), "UTC", maintenance, o));
            d.advanceWallClock(Duration.ofSeconds(1));
            d.advanceWallClock(m(7).plusSeconds(58));                  // T0 + 9:59
            assertEquals(List.of(), d.breaches());
            d.advanceWallClock(Duration.ofSeconds(1));                 // T0 + 10:00: maintenance begins
            List<BreachResolved> resolved = d.breaches().stream().map(r -> data(r, BreachResolved.class)).toList();
            assertEquals(1, resolved.size());
            assertEquals(BreachResolved.MAINTENANCE, resolved.get(0).reason());
            assertEquals(start, resolved.get(0).resolvedAt());
        }
    }

    @Test
    void aPunctuationVisitsAtMostWallClockVisitsObjectivesAndTheRestComeNext() {
        ObjectiveSpec o = ratio("P30D", m(5));
        List<String> ids = List.of("agr-a", "agr-b", "agr-c", "agr-d", "agr-e");
        try (DetectorDriver d = new DetectorDriver(first, T0, Map.of("surety.detector.wall-clock-visits", "2"))) {
            for (String id : ids) {
                d.publish(new AgreementSnapshot(id, 1, "acme", "Checkout SLA", "provider", "checkout",
                        AgreementStatus.ACTIVE, T0, null, "UTC", List.of(o), null, T0));
                d.measure(id, DetectorDriver.OBJECTIVE, T0, 100, 100);
            }
            // The look at every objective after the start takes three punctuations of at most two; nothing is due.
            for (int i = 0; i < 3; i++) {
                d.advanceWallClock(Duration.ofSeconds(1));
            }
            d.advanceWallClock(m(4).plusSeconds(56));                  // T0 + 4:59: silent for less than 5 min
            assertEquals(List.of(), d.breaches());
            // All five fall silent at T0 + 5:00: two a second, in key order, each detected when visited.
            for (List<String> expected : List.of(List.of("agr-a", "agr-b"), List.of("agr-c", "agr-d"),
                    List.of("agr-e"))) {
                d.advanceWallClock(Duration.ofSeconds(1));
                Instant now = T0.plus(m(5)).plusSeconds(ids.indexOf(expected.get(0)) / 2);
                List<NoDataStarted> started = d.breaches().stream().map(r -> data(r, NoDataStarted.class)).toList();
                assertEquals(expected, started.stream().map(NoDataStarted::agreementId).toList());
                for (NoDataStarted n : started) {
                    assertEquals(T0, n.lastDataAt());
                    assertEquals(now, n.detectedAt());
                }
            }
            for (int i = 0; i < 5; i++) {
                d.advanceWallClock(Duration.ofSeconds(1));
            }
            assertEquals(List.of(), d.breaches());                     // once per episode each
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(src -> {
                try {
                    Path dst = to.resolve(from.relativize(src).toString());
                    if (Files.isDirectory(src)) {
                        Files.createDirectories(dst);
                    } else if (!src.getFileName().toString().equals("LOCK")) {
                        Files.copy(src, dst);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
