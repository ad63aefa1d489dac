package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.data;
import static dev.surety.detector.streams.DetectorDriver.header;
import static dev.surety.detector.streams.DetectorDriver.objective;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Breach lifecycle over a 60 s window (1 s buckets), threshold 99 %, driven by explicit event times. */
class BreachRuleTopologyTest {

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

    @Test
    void breachOpensOnTheMeasurementThatCrossesTheThreshold() {
        d.publish(agreement(1, "UTC", objective("PT1H", s(60), "99", "99.9", Duration.ZERO)));

        d.measure(s(0), 1000, 1000);
        d.measure(s(10), 5, 10);   // window 1005/1010 = 99.50 %: still fine
        assertEquals(List.of(), d.breaches());

        d.measure(s(20), 0, 10);   // window 1005/1020 = 98.53 %: crosses 99 %
        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(1, out.size());
        TestRecord<String, byte[]> r = out.get(0);
        BreachOpened opened = data(r, BreachOpened.class);
        assertEquals(KEY, r.key());
        assertEquals(T0.plusSeconds(20), opened.openedAt());
        assertEquals(T0.plusSeconds(20), r.getRecordTime());
        assertEquals(UUID.nameUUIDFromBytes((KEY + "|" + T0.plusSeconds(20)).getBytes(StandardCharsets.UTF_8)).toString(),
                opened.breachId());
        assertEquals(new BigDecimal("98.529411"), opened.sli());
        assertEquals(new BigDecimal("99"), opened.threshold());
        assertEquals(Duration.ofSeconds(60), opened.window());
        assertEquals("acme", opened.tenant());
        assertEquals(1, opened.agreementVersion());
        assertEquals(EventType.BREACH_OPENED.ceType(), header(r, CloudEvents.H_TYPE));
        assertEquals("/surety/breach-detector", header(r, CloudEvents.H_SOURCE));
        assertEquals(opened.id(), header(r, CloudEvents.H_ID));
        assertEquals(KEY, header(r, CloudEvents.H_SUBJECT));
        assertEquals(1, d.metrics.count("opened"));

        d.measure(s(21), 0, 10);   // still breaching: no second open
        assertEquals(List.of(), d.breaches());
    }

    @Test
    void ruleExactlyOnTheThresholdIsNotABreach() {
        d.publish(agreement(1, "UTC", objective("PT1H", s(60), "99", "99.9", Duration.ZERO)));
        d.measure(s(0), 99, 100);  // 99 * 100 == 99 * 100: not below
        assertEquals(List.of(), d.breaches());
        d.measure(s(1), 0, 0);     // a sample without traffic changes nothing
        assertEquals(List.of(), d.breaches());
        d.measure(s(2), 98, 99);   // 197/199 = 98.99 %
        assertEquals(1, d.breaches().size());
    }

    @Test
    void resolvesOnTheFirstGoodEvaluationWithZeroHoldAndReopensWithANewId() {
        d.publish(agreement(1, "UTC", objective("PT1H", s(60), "99", "99.9", Duration.ZERO)));
        d.measure(s(0), 1000, 1000);
        d.measure(s(20), 0, 100);          // 1000/1100 = 90.9 %: open
        d.measure(s(30), 10_000, 10_000);  // 11000/11100 = 99.09 %: resolve
        d.measure(s(40), 0, 1_000);        // 11000/12100 = 90.9 %: a new episode
        d.measure(s(45), 0, 1);            // same episode

        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(List.of(EventType.BREACH_OPENED.ceType(), EventType.BREACH_RESOLVED.ceType(),
                EventType.BREACH_OPENED.ceType()), DetectorDriver.types(out));
        BreachOpened first = data(out.get(0), BreachOpened.class);
        BreachResolved resolved = data(out.get(1), BreachResolved.class);
        BreachOpened second = data(out.get(2), BreachOpened.class);
        assertEquals(first.breachId(), resolved.breachId());
        assertEquals(T0.plusSeconds(20), resolved.openedAt());
        assertEquals(T0.plusSeconds(30), resolved.resolvedAt());
        assertEquals(T0.plusSeconds(30), out.get(1).getRecordTime());
        assertEquals(new BigDecimal("99.099099"), resolved.sli());
        assertNotEquals(first.breachId(), second.breachId());
        assertEquals(T0.plusSeconds(40), second.openedAt());
        assertEquals(2, d.metrics.count("opened"));
        assertEquals(1, d.metrics.count("resolved"));
    }

    @Test
    void resolvesOnlyAfterTheRuleHasBeenFalseForTheHoldTime() {
        d.publish(agreement(1, "UTC", objective("PT1H", s(60), "99", "99.9", Duration.ofSeconds(30))));
        d.measure(s(0), 1000, 1000);
        d.measure(s(20), 0, 100);              // 90.9 %: open at +20
        d.measure(s(30), 100_000, 100_000);    // 99.90 %: false since +30
        d.measure(s(40), 0, 10_000);           // 90.9 %: true again, hold restarts
        d.measure(s(50), 1_000_000, 1_000_000); // 99.09 %: false since +50
        d.measure(s(70), 10, 10);              // false for 20 s < 30 s
        assertEquals(List.of(EventType.BREACH_OPENED.ceType()), DetectorDriver.types(d.breaches()));

        d.measure(s(80), 10, 10);              // false for 30 s: resolve
        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(1, out.size());
        BreachResolved resolved = data(out.get(0), BreachResolved.class);
        assertEquals(T0.plusSeconds(20), resolved.openedAt());
        assertEquals(T0.plusSeconds(80), resolved.resolvedAt());
        assertNull(d.state(KEY).breachId());
    }

    @Test
    void oldBadBucketsStopCountingOnceTheyLeaveTheWindow() {
        d.publish(agreement(1, "UTC", objective("PT1H", s(60), "99", "99.9", Duration.ZERO)));
        d.measure(s(0), 0, 100);       // 0 %: open at +0
        d.measure(s(30), 100, 100);    // 100/200
        d.measure(s(60), 1, 1);        // window [+0, +60]: bucket +0 still counts, 101/201
        assertEquals(List.of(EventType.BREACH_OPENED.ceType()), DetectorDriver.types(d.breaches()));
        assertEquals(201, d.state(KEY).window().total());

        // Buckets are 1 s: the window sums every bucket touching [T - 60 s, T], so bucket [+0, +1)
        // counts until T - 60 s reaches +1 s.
        d.measure(Duration.ofMillis(60_999), 1, 1);
        assertEquals(List.of(), d.breaches());
        assertEquals(202, d.state(KEY).window().total());

        d.measure(s(61), 1, 1);        // T - W = +1 s: bucket +0 evicted, 103/103
        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(List.of(EventType.BREACH_RESOLVED.ceType()), DetectorDriver.types(out));
        assertEquals(103, d.state(KEY).window().total());
        assertEquals(103, d.state(KEY).window().good());
        assertEquals(T0.plusSeconds(61), data(out.get(0), BreachResolved.class).resolvedAt());
        assertEquals(new BigDecimal("100.000000"), data(out.get(0), BreachResolved.class).sli());
    }

    @Test
    void anOutOfOrderMeasurementInsideTheWindowCountsAndOneOlderThanTheWindowDoesNot() {
        d.publish(agreement(1, "UTC", objective("PT1H", s(60), "99", "99.9", Duration.ZERO)));
        d.measure(s(100), 100, 100);
        d.measure(s(30), 0, 100);      // older than the window [+40, +100]: period only
        assertEquals(List.of(), d.breaches());
        assertEquals(100, d.state(KEY).window().total());
        assertEquals(200, d.state(KEY).openPeriods().get(0).total());

        d.measure(s(50), 0, 100);      // inside the window: 100/200, evaluated at stream time +100
        BreachOpened opened = data(d.breaches().get(0), BreachOpened.class);
        assertEquals(T0.plusSeconds(100), opened.openedAt());
    }

    @Test
    void unknownAgreementsObjectivesAndInvalidMeasurementsAreCountedAndSkipped() {
        d.publish(agreement(1, "UTC", objective("PT1H", s(60), "99", "99.9", Duration.ZERO)));
        d.measure("no-such-agreement", "availability", T0, 0, 10);
        d.measure("agr-1", "no-such-objective", T0, 0, 10);
        d.sendRaw(KEY, "{not json".getBytes(StandardCharsets.UTF_8));
        d.measure(s(0), 11, 10);       // good > total
        assertEquals(List.of(), d.breaches());
        assertEquals(2, d.metrics.count("unknown"));
        assertEquals(1, d.metrics.count("unknown:unknown-agreement"));
        assertEquals(1, d.metrics.count("unknown:unknown-objective"));
        assertEquals(2, d.metrics.count("invalid"));
        assertEquals(0, d.metrics.count("processed"));

        d.deleteAgreement("agr-1");
        d.measure(s(1), 0, 10);
        assertEquals(3, d.metrics.count("unknown"));
        assertNull(d.state(KEY));
    }

    @Test
    void aRedeliveredMeasurementIsAppliedOnce() {
        d.publish(agreement(1, "UTC", objective("PT1H", s(60), "99", "99.9", Duration.ZERO)));
        var m = d.measure(s(0), 5, 10);
        d.send(m);
        assertEquals(10, d.state(KEY).window().total());
        assertEquals(1, d.metrics.count("duplicate"));
        assertEquals(1, d.metrics.count("processed"));
        assertTrue(d.breaches().size() == 1);
    }
}
