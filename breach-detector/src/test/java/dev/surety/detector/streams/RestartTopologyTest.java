package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.data;
import static dev.surety.detector.streams.DetectorDriver.objective;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart keeps what the persistent state store holds. The test driver wipes its state
 * directory on close, so the "restart" opens a copy of the first driver's directory, taken after
 * its last commit, as a crashed instance would leave it.
 */
class RestartTopologyTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void anOpenBreachSurvivesARestartWithoutASecondOpen() throws IOException {
        String breachId;
        try (DetectorDriver before = new DetectorDriver(first, T0)) {
            before.publish(agreement(1, "UTC", objective("PT1H", Duration.ofSeconds(60), "99", "99.9", Duration.ZERO)));
            before.measure(Duration.ofSeconds(0), 90, 100);
            List<TestRecord<String, byte[]>> opened = before.breaches();
            assertEquals(1, opened.size());
            breachId = data(opened.get(0), BreachOpened.class).breachId();
            copy(first, second);
        }

        try (DetectorDriver after = new DetectorDriver(second, T0)) {
            // A restarted instance reads the compacted agreements topic again.
            after.publish(agreement(1, "UTC", objective("PT1H", Duration.ofSeconds(60), "99", "99.9", Duration.ZERO)));
            after.measure(Duration.ofSeconds(1), 0, 10);          // still breaching: nothing new
            assertEquals(List.of(), after.breaches());

            after.measure(Duration.ofSeconds(2), 100_000, 100_000); // recovers
            List<TestRecord<String, byte[]>> out = after.breaches();
            assertEquals(List.of(EventType.BREACH_RESOLVED.ceType()), DetectorDriver.types(out));
            BreachResolved resolved = data(out.get(0), BreachResolved.class);
            assertEquals(breachId, resolved.breachId());
            assertEquals(T0, resolved.openedAt());

            // The period kept counting across the restart.
            after.measure(Duration.ofHours(1).plusSeconds(5), 0, 0);
            ComplianceRecord c = data(after.compliance().get(0), ComplianceRecord.class);
            assertEquals(100_090, c.good());
            assertEquals(100_110, c.total());
        }
    }

    @TempDir
    Path third;

    @TempDir
    Path fourth;

    @Test
    void aBurnRateEpisodeAndASilentEpisodeSurviveARestart() {
        dev.surety.events.AgreementSnapshot a = DetectorDriver.agreement(1, dev.surety.events.AgreementStatus.ACTIVE, T0,
                "UTC", dev.surety.events.Exclusions.NONE,
                DetectorDriver.spec(dev.surety.events.SliKind.RATIO, null, null, null, null, "99.9", "P30D",
                        Duration.ofMinutes(5), "1", Duration.ZERO,
                        List.of(dev.surety.events.BurnRateRule.SRE_WORKBOOK.get(0)),
                        dev.surety.events.NoDataPolicy.BAD, Duration.ofMinutes(5)));
        String breachId;
        try (DetectorDriver before = new DetectorDriver(third, T0)) {
            before.publish(a);
            before.measure(Duration.ZERO, 9_000, 10_000);              // burns on both windows: page-fast opens
            breachId = data(before.breaches().get(0), BreachOpened.class).breachId();
            before.advanceWallClock(Duration.ofMinutes(6));             // silent: NoDataStarted
            assertEquals(List.of(EventType.NO_DATA_STARTED.ceType()), DetectorDriver.types(before.breaches()));
            copy(third, fourth);
        }
        try (DetectorDriver after = new DetectorDriver(fourth, T0.plus(Duration.ofMinutes(6)))) {
            after.publish(a);
            after.advanceWallClock(Duration.ofMinutes(1));              // no second NoDataStarted
            assertEquals(List.of(), after.breaches());
            after.measure(Duration.ofMinutes(4), 1_000, 1_000);         // data again; still burning over 1 h and 5 min
            assertEquals(List.of(EventType.NO_DATA_ENDED.ceType()), DetectorDriver.types(after.breaches()));
            after.measure(Duration.ofMinutes(13), 100_000, 100_000);    // the 5 min window is clean: resolves
            List<TestRecord<String, byte[]>> out = after.breaches();
            assertEquals(List.of(EventType.BREACH_RESOLVED.ceType()), DetectorDriver.types(out));
            assertEquals(breachId, data(out.get(0), BreachResolved.class).breachId());
            assertEquals("page-fast", data(out.get(0), BreachResolved.class).rule());
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
