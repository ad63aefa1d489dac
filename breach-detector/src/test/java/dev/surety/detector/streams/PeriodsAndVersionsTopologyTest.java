package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.AGREEMENT;
import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.OBJECTIVE;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.data;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.EventType;
import dev.surety.events.Exclusions;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provisional cadence, calendar months across daylight saving, and the agreement version in force. */
class PeriodsAndVersionsTopologyTest {

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

    private static ObjectiveSpec ratio(String period, String threshold) {
        return spec(SliKind.RATIO, null, null, null, null, "99", period, Duration.ofSeconds(60), threshold, null,
                List.of(), null, Duration.ofHours(1));
    }

    @Test
    void provisionalRecordsFollowTheCadenceAndOnlyWhenFiguresChanged() {
        // The whole round at one tick (provisional-spread=false); ProvisionalSpreadTopologyTest has the spread cadence.
        // One slot: each turn is a whole interval of the epoch, and the punctuation comes once an interval from one
        // interval after the task started; started half-way through a minute, the rounds come half-way too.
        d.close();
        d = new DetectorDriver(stateDir.resolve("whole-round"), T0.plusSeconds(30), false);
        d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE, ratio("PT1H", "90")));
        d.measure(m(0).plusSeconds(10), 98, 100);
        d.advanceWallClock(Duration.ofSeconds(59));
        assertEquals(List.of(), d.compliance());

        d.advanceWallClock(Duration.ofSeconds(1));     // the first tick, one interval after start (T0 + 90 s)
        List<ComplianceRecord> out = d.complianceRecords();
        assertEquals(1, out.size());
        ComplianceRecord p = out.get(0);
        assertEquals(ComplianceStatus.PROVISIONAL, p.status());
        assertEquals(T0.plusSeconds(10), p.asOf());
        assertEquals(98, p.good());
        assertEquals(100, p.total());
        assertEquals(new BigDecimal("98.000000"), p.attainment());
        assertEquals(T0, p.periodStart());
        assertEquals(0, p.breaches());
        assertEquals(Duration.ZERO, p.excluded());
        assertEquals(1, d.metrics.count("provisional"));

        d.advanceWallClock(m(1));                      // nothing changed: nothing published
        assertEquals(List.of(), d.compliance());

        d.measure(m(2), 100, 100);
        d.advanceWallClock(m(1));
        out = d.complianceRecords();
        assertEquals(1, out.size());
        assertEquals(T0.plus(m(2)), out.get(0).asOf());
        assertEquals(198, out.get(0).good());
        assertEquals(200, out.get(0).total());
    }

    @Test
    void calendarMonthsInBerlinSpanTheDaylightSavingChanges() {
        d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "Europe/Berlin", Exclusions.NONE,
                ratio("CALENDAR_MONTH", "1")));
        Instant marchStart = Instant.parse("2026-02-28T23:00:00Z");    // 1 March 00:00 CET
        Instant aprilStart = Instant.parse("2026-03-31T22:00:00Z");    // 1 April 00:00 CEST
        d.measure(AGREEMENT, OBJECTIVE, marchStart, 1, 1);
        d.measure(AGREEMENT, OBJECTIVE, Instant.parse("2026-03-29T00:59:59Z"), 1, 1);  // just before the change
        d.measure(AGREEMENT, OBJECTIVE, Instant.parse("2026-03-29T01:00:00Z"), 0, 1);  // 03:00 CEST
        d.measure(AGREEMENT, OBJECTIVE, aprilStart.minusMillis(1), 1, 1);               // 23:59:59.999 CEST
        d.measure(AGREEMENT, OBJECTIVE, aprilStart, 5, 5);
        d.measure(AGREEMENT, OBJECTIVE, aprilStart.plusSeconds(5), 5, 5);              // March + grace
        List<ComplianceRecord> finals = d.finals();
        assertEquals(1, finals.size());
        ComplianceRecord march = finals.get(0);
        assertEquals(marchStart, march.periodStart());
        assertEquals(aprilStart, march.periodEnd());
        assertEquals(Duration.ofDays(31).minusHours(1), Duration.between(march.periodStart(), march.periodEnd()));
        assertEquals(3, march.good());
        assertEquals(4, march.total());

        // October is an hour longer: it ends at 1 November 00:00 CET.
        d.measure(AGREEMENT, OBJECTIVE, Instant.parse("2026-10-25T01:30:00Z"), 1, 1);
        d.measure(AGREEMENT, OBJECTIVE, Instant.parse("2026-10-31T23:00:05Z"), 1, 1);
        List<ComplianceRecord> later = d.finals();
        ComplianceRecord october = later.get(later.size() - 1);
        assertEquals(Instant.parse("2026-09-30T22:00:00Z"), october.periodStart());
        assertEquals(Instant.parse("2026-10-31T23:00:00Z"), october.periodEnd());
        assertEquals(Duration.ofDays(31).plusHours(1), Duration.between(october.periodStart(), october.periodEnd()));
    }

    @Test
    void measurementsAreJudgedByTheVersionInForceAtTheirTimeAndInactiveVersionsResolveBreaches() {
        d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE, ratio("PT1H", "99")));
        d.measure(m(1), 0, 100);                       // v1 threshold 99: opens
        BreachOpened opened = data(d.breaches().get(0), BreachOpened.class);
        assertEquals(1, opened.agreementVersion());

        d.publish(agreement(2, AgreementStatus.SUSPENDED, T0.plus(m(10)), "UTC", Exclusions.NONE,
                ratio("PT1H", "99")));
        d.measure(m(5), 0, 100);                       // before the suspension: judged by v1
        assertEquals(2, d.metrics.count("processed"));
        d.measure(m(12), 0, 100);                      // suspended: counted, not judged
        assertEquals(1, d.metrics.count("unknown:agreement-inactive"));
        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(List.of(EventType.BREACH_RESOLVED.ceType()), DetectorDriver.types(out));
        BreachResolved resolved = data(out.get(0), BreachResolved.class);
        assertEquals(opened.breachId(), resolved.breachId());
        assertEquals(BreachResolved.AGREEMENT_INACTIVE, resolved.reason());
        assertEquals(T0.plus(m(10)), resolved.resolvedAt());
        assertNull(d.state(KEY).breachId());

        d.publish(agreement(3, AgreementStatus.ACTIVE, T0.plus(m(20)), "UTC", Exclusions.NONE, ratio("PT1H", "50")));
        d.measure(m(21), 60, 100);                     // v3 threshold 50: 60 % is fine (v1 would breach)
        assertEquals(List.of(), d.breaches());
        d.measure(m(13), 0, 100);                      // still in the suspended span
        assertEquals(2, d.metrics.count("unknown:agreement-inactive"));

        d.measure(m(60).plusSeconds(5), 1, 1);
        ComplianceRecord c = d.finals().get(0);
        assertEquals(3, c.agreementVersion());         // the ACTIVE version in force at the period's end
        assertEquals(60, c.good());
        assertEquals(300, c.total());
    }

    @Test
    void theWallClockResolvesBreachesOfAnAgreementThatIsNoLongerActive() {
        d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE, ratio("PT1H", "99")));
        d.measure(m(1), 0, 100);
        d.breaches();
        d.publish(agreement(2, AgreementStatus.TERMINATED, T0.plus(m(3)), "UTC", Exclusions.NONE,
                ratio("PT1H", "99")));
        d.advanceWallClock(Duration.ofSeconds(1));
        List<BreachResolved> resolved = d.breaches().stream().map(r -> data(r, BreachResolved.class)).toList();
        assertEquals(1, resolved.size());
        assertEquals(BreachResolved.AGREEMENT_INACTIVE, resolved.get(0).reason());
        assertEquals(T0.plus(m(3)), resolved.get(0).resolvedAt());
    }
}
