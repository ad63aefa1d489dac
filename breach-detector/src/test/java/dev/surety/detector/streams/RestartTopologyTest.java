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
