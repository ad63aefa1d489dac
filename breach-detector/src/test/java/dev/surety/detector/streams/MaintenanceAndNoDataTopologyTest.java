package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.data;
import static dev.surety.detector.streams.DetectorDriver.header;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.CloudEvents;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventType;
import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import dev.surety.events.NoDataEnded;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.NoDataStarted;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Excludable maintenance cuts breaches and leaves time out; silent sources are reported and judged by policy. */
class MaintenanceAndNoDataTopologyTest {

    private static final Duration HOUR = Duration.ofHours(1);
    /** Maintenance from T0 + 10 min for 30 min, announced in time. */
    private static final Exclusions MAINTENANCE = new Exclusions(List.of(new MaintenanceWindow("mw-1", "upgrade",
            T0.plus(Duration.ofMinutes(10)), Duration.ofMinutes(30), null, null, T0, true)), null, List.of());

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

    private static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static ObjectiveSpec ratio(NoDataPolicy policy) {
        return spec(SliKind.RATIO, null, null, null, Duration.ofMinutes(1), "99", "PT1H", Duration.ofSeconds(60), "99",
                null, List.of(), policy, Duration.ofMinutes(5));
    }

    @Test
    void aBreachIsCutAtTheMaintenanceStartAndMaintenanceTimeCountsNowhere() {
        d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", MAINTENANCE, ratio(null)));
        d.measure(m(5), 0, 100);                       // breach opens at 5 min
        BreachOpened opened = data(d.breaches().get(0), BreachOpened.class);

        d.measure(m(12), 0, 100);                      // inside maintenance: not counted
        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(1, out.size());
        BreachResolved cut = data(out.get(0), BreachResolved.class);
        assertEquals(opened.breachId(), cut.breachId());
        assertEquals(T0.plus(m(10)), cut.resolvedAt());
        assertEquals(BreachResolved.MAINTENANCE, cut.reason());
        assertEquals(1, d.metrics.count("excluded"));

        d.measure(m(39).plusSeconds(59), 0, 100);      // last second of maintenance: still excluded, no breach
        assertEquals(List.of(), d.breaches());
        d.measure(m(40), 100, 100);                    // maintenance over
        assertEquals(List.of(), d.breaches());

        d.measure(HOUR.plusSeconds(5), 1, 1);
        ComplianceRecord c = d.finals().get(0);
        assertEquals(100, c.good());
        assertEquals(200, c.total());
        assertEquals(Duration.ofMinutes(30), c.excluded());
        assertEquals(1, c.breaches());
    }

    @Test
    void theWallClockCutsABreachWhenMaintenanceBeginsWhileTheAgentIsQuiet() {
        d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", MAINTENANCE, ratio(null)));
        d.measure(m(5), 0, 100);
        d.breaches();
        d.advanceWallClock(m(9));
        assertEquals(List.of(), d.breaches().stream()
                .filter(r -> header(r, CloudEvents.H_TYPE).equals(EventType.BREACH_RESOLVED.ceType())).toList());
        d.advanceWallClock(m(1));                      // wall clock reaches the maintenance start
        List<BreachResolved> resolved = d.breaches().stream()
                .filter(r -> header(r, CloudEvents.H_TYPE).equals(EventType.BREACH_RESOLVED.ceType()))
                .map(r -> data(r, BreachResolved.class)).toList();
        assertEquals(1, resolved.size());
        assertEquals(T0.plus(m(10)), resolved.get(0).resolvedAt());
        assertEquals(BreachResolved.MAINTENANCE, resolved.get(0).reason());
        assertNull(d.state(KEY).breachId());
    }

    @ParameterizedTest
    @EnumSource(NoDataPolicy.class)
    void silenceIsReportedOnceAndJudgedByThePolicy(NoDataPolicy policy) {
        d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE, ratio(policy)));
        d.measure(Duration.ZERO, 60, 60);              // 60 events per minute
        d.advanceWallClock(m(4).plusSeconds(59));
        assertEquals(List.of(), d.breaches());

        d.advanceWallClock(Duration.ofSeconds(1));     // silent for 5 min
        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(List.of(EventType.NO_DATA_STARTED.ceType()), DetectorDriver.types(out));
        NoDataStarted started = data(out.get(0), NoDataStarted.class);
        assertEquals(T0, started.lastDataAt());
        assertEquals(T0.plus(m(5)), started.detectedAt());
        assertEquals(policy, started.policy());
        assertEquals("acme", started.tenant());

        d.advanceWallClock(m(2));                      // reported once per episode
        assertEquals(List.of(), d.breaches());

        d.measure(m(10).plusSeconds(30), 60, 60);      // data again
        out = d.breaches();
        assertEquals(List.of(EventType.NO_DATA_ENDED.ceType()), DetectorDriver.types(out));
        NoDataEnded ended = data(out.get(0), NoDataEnded.class);
        assertEquals(started.episodeId(), ended.episodeId());
        assertEquals(T0.plus(m(10)).plusSeconds(30), ended.dataResumedAt());

        d.measure(HOUR.plusSeconds(5), 1, 1);
        ComplianceRecord c = d.finals().get(0);
        // Minutes 1..9 were silent: nine 1-minute slices at the recent rate of 60 events each.
        assertEquals(Duration.ofMinutes(9), c.noData());
        switch (policy) {
            case BAD -> {
                assertEquals(120, c.good());
                assertEquals(120 + 9 * 60, c.total());
            }
            case GOOD -> {
                assertEquals(120 + 9 * 60, c.good());
                assertEquals(120 + 9 * 60, c.total());
            }
            case IGNORE -> {
                assertEquals(120, c.good());
                assertEquals(120, c.total());
            }
        }
        assertEquals(1, d.metrics.count("nodata-started"));
        assertEquals(1, d.metrics.count("nodata-ended"));
    }

    @Test
    void silentTimeInsideMaintenanceIsNotJudged() {
        d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", MAINTENANCE, ratio(NoDataPolicy.BAD)));
        d.measure(m(8), 60, 60);
        d.advanceWallClock(m(45));                     // silent from 8 min to 45 min; 10..40 is maintenance
        d.measure(m(45), 60, 60);
        d.measure(HOUR.plusSeconds(5), 1, 1);
        ComplianceRecord c = d.finals().get(0);
        // silent slices: minute 9 and minutes 40..44
        assertEquals(Duration.ofMinutes(6), c.noData());
        assertEquals(120 + 6 * 60, c.total());
        assertEquals(Duration.ofMinutes(30), c.excluded());
    }
}
