package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.data;
import static dev.surety.detector.streams.DetectorDriver.header;
import static dev.surety.detector.streams.DetectorDriver.objective;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.CloudEvents;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.EventType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compliance periods of one hour from T0 with a 5 s grace: when a period becomes final, what the
 * FINAL record says, and what happens to measurements that arrive after it.
 */
class ComplianceTopologyTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path stateDir;

    DetectorDriver d;

    @BeforeEach
    void start() {
        // The wall clock stands at T0 and only moves when a test moves it.
        d = new DetectorDriver(stateDir, T0);
        d.publish(agreement(1, "UTC", objective("PT1H", Duration.ofMinutes(5), "90", "99.9", Duration.ZERO)));
    }

    @AfterEach
    void stop() {
        d.close();
    }

    @Test
    void periodBecomesFinalWhenStreamTimeReachesEndPlusGrace() {
        d.measure(Duration.ofMinutes(1), 499, 500);
        d.measure(Duration.ofMinutes(59), 500, 500);
        d.measure(HOUR.plusMillis(4_999), 10, 10);   // next period, within grace of the first
        assertEquals(List.of(), d.compliance());

        d.measure(HOUR.plusSeconds(5), 10, 10);      // stream time = end + grace
        List<TestRecord<String, byte[]>> out = d.compliance();
        assertEquals(1, out.size());
        TestRecord<String, byte[]> r = out.get(0);
        ComplianceRecord c = data(r, ComplianceRecord.class);
        assertEquals(UUID.nameUUIDFromBytes((KEY + "|" + T0 + "|FINAL").getBytes(StandardCharsets.UTF_8)).toString(),
                c.id());
        assertEquals(T0, c.periodStart());
        assertEquals(T0.plus(HOUR), c.periodEnd());
        assertEquals(999, c.good());
        assertEquals(1000, c.total());
        assertEquals(new BigDecimal("99.900000"), c.attainment());
        assertEquals(new BigDecimal("99.9"), c.target());
        assertTrue(c.met(), "999/1000 meets 99.9 exactly");
        assertEquals(ComplianceStatus.FINAL, c.status());
        assertEquals("acme", c.tenant());
        assertEquals("agr-1", c.agreementId());
        assertEquals(1, c.agreementVersion());
        assertEquals(KEY, r.key());
        assertEquals(T0.plus(HOUR), r.getRecordTime());
        assertEquals(EventType.COMPLIANCE.ceType(), header(r, CloudEvents.H_TYPE));
        assertEquals(c.id(), header(r, CloudEvents.H_ID));
        assertEquals("/surety/breach-detector", header(r, CloudEvents.H_SOURCE));
        assertEquals(1, d.metrics.count("finalized"));

        // The next period is still open and holds exactly its own measurements.
        assertEquals(20, d.state(KEY).openPeriod(T0.plus(HOUR).toEpochMilli()).total());
    }

    @Test
    void attainmentIsExactAndRoundedDown() {
        d.measure(Duration.ofMinutes(1), 99_899, 100_000);   // 99.899 % < 99.9 %
        d.measure(HOUR.plusSeconds(1), 2, 3);                // 66.6666… %
        d.measure(HOUR.plus(HOUR).plusSeconds(5), 0, 0);     // closes both periods
        List<ComplianceRecord> out = d.compliance().stream().map(r -> data(r, ComplianceRecord.class)).toList();
        assertEquals(2, out.size());
        assertEquals(new BigDecimal("99.899000"), out.get(0).attainment());
        assertFalse(out.get(0).met());
        assertEquals(new BigDecimal("66.666666"), out.get(1).attainment());
        assertFalse(out.get(1).met());
        assertEquals(T0.plus(HOUR), out.get(1).periodStart());
    }

    @Test
    void periodWithoutTrafficIsMetAtOneHundredPercent() {
        d.measure(Duration.ofMinutes(1), 0, 0);
        d.measure(HOUR.plusSeconds(5), 0, 0);
        ComplianceRecord c = data(d.compliance().get(0), ComplianceRecord.class);
        assertEquals(0, c.total());
        assertEquals(new BigDecimal("100.000000"), c.attainment());
        assertTrue(c.met());
    }

    @Test
    void wallClockPunctuationFinalizesAPeriodWhenTheAgentGoesQuiet() {
        d.measure(Duration.ofMinutes(10), 7, 10);
        d.advanceWallClock(HOUR.plusSeconds(4));      // wall clock at end + 4 s
        assertEquals(List.of(), finalsOf(d.compliance()));

        d.advanceWallClock(Duration.ofSeconds(1));    // wall clock at end + grace
        List<TestRecord<String, byte[]>> out = finalsOf(d.compliance());
        assertEquals(1, out.size());
        ComplianceRecord c = data(out.get(0), ComplianceRecord.class);
        assertEquals(7, c.good());
        assertEquals(10, c.total());
        assertEquals(new BigDecimal("70.000000"), c.attainment());
        assertFalse(c.met());
        assertEquals(T0.plus(HOUR), out.get(0).getRecordTime());

        d.advanceWallClock(Duration.ofSeconds(10));   // finalized once only
        assertEquals(List.of(), finalsOf(d.compliance()));
        assertTrue(d.state(KEY).openPeriods().isEmpty());
    }

    @Test
    void measurementsWithinGraceAreAppliedAndLaterOnesAreCountedAsLateAndNotApplied() {
        d.measure(Duration.ofMinutes(1), 90, 100);
        d.measure(HOUR.plusMillis(4_999), 1, 1);      // stream time end + 4.999 s
        d.measure(Duration.ofMinutes(59), 10, 10);    // period 1 is not final yet: applied
        assertEquals(0, d.metrics.count("late"));

        d.measure(HOUR.plusSeconds(5), 1, 1);         // finalizes period 1
        ComplianceRecord c = data(d.compliance().get(0), ComplianceRecord.class);
        assertEquals(100, c.good());
        assertEquals(110, c.total());

        long windowTotalBefore = d.state(KEY).window().total();
        d.measure(Duration.ofMinutes(59), 0, 1_000);  // late for the final period
        assertEquals(1, d.metrics.count("late"));
        assertEquals(List.of(), d.compliance());
        assertEquals(List.of(), d.breaches());
        assertNull(d.state(KEY).openPeriod(T0.toEpochMilli()));
        assertEquals(windowTotalBefore, d.state(KEY).window().total());
    }

    @Test
    void aMeasurementIsLateWhenTheWallClockAloneMadeItsPeriodFinal() {
        d.advanceWallClock(HOUR.plusSeconds(5));
        d.measure(Duration.ofMinutes(30), 1, 1);
        assertEquals(1, d.metrics.count("late"));
        assertNull(d.state(KEY));
        assertEquals(List.of(), d.compliance());
    }

    @Test
    void finalRecordCarriesTheAgreementVersionInForceAtFinalization() {
        d.measure(Duration.ofMinutes(1), 10, 10);
        d.publish(agreement(2, "UTC", objective("PT1H", Duration.ofMinutes(5), "90", "99.9", Duration.ZERO)));
        d.measure(HOUR.plusSeconds(5), 1, 1);
        assertEquals(2, data(d.compliance().get(0), ComplianceRecord.class).agreementVersion());
    }

    @Test
    void calendarMonthPeriodsFollowTheAgreementTimeZone() {
        d.publish(agreement(2, "Europe/Berlin",
                objective("CALENDAR_MONTH", Duration.ofMinutes(5), "90", "99.9", Duration.ZERO)));
        // 2026-01-31T23:30Z is 00:30 on 1 February in Berlin.
        d.measure("agr-1", "availability", Instant.parse("2026-01-31T22:30:00Z"), 1, 1);
        d.measure("agr-1", "availability", Instant.parse("2026-01-31T23:30:00Z"), 1, 2);
        // 22:59:59Z is still January in Berlin, whose period became final at 23:00:05Z.
        d.measure("agr-1", "availability", Instant.parse("2026-01-31T22:59:59Z"), 1, 1);
        assertEquals(1, d.metrics.count("late"));
        List<ComplianceRecord> out = d.compliance().stream().map(r -> data(r, ComplianceRecord.class)).toList();
        assertEquals(1, out.size());
        assertEquals(Instant.parse("2025-12-31T23:00:00Z"), out.get(0).periodStart());
        assertEquals(Instant.parse("2026-01-31T23:00:00Z"), out.get(0).periodEnd());
        assertEquals(1, out.get(0).total());
    }

    /** The FINAL records only (the wall clock also publishes PROVISIONAL ones on its cadence). */
    private static List<TestRecord<String, byte[]>> finalsOf(List<TestRecord<String, byte[]>> records) {
        return records.stream()
                .filter(r -> data(r, ComplianceRecord.class).status() == ComplianceStatus.FINAL).toList();
    }
}
