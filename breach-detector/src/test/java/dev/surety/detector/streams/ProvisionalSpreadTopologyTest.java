package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.OBJECTIVE;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.data;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.Measurement;
import dev.surety.events.SliKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROVISIONAL rounds spread over the interval (the default): every objective still gets one record per interval
 * while its figures change, at a second of the minute fixed by its key, so a task publishes a slice of its
 * objectives each second instead of all of them at once.
 */
class ProvisionalSpreadTopologyTest {

    /** Provisional interval (1 min) over punctuation interval (1 s), as DetectorDriver sets them. */
    private static final int SLOTS = 60;
    private static final int AGREEMENTS = 40;

    @TempDir
    Path stateDir;

    DetectorDriver d;
    /** Seconds of wall clock since T0. */
    int second;
    final List<String> keys = new ArrayList<>();

    @BeforeEach
    void start() {
        d = new DetectorDriver(stateDir, T0);
        for (int i = 0; i < AGREEMENTS; i++) {
            String id = String.format("agr-%02d", i);
            d.publish(hourly(id));
            keys.add(Measurement.key(id, OBJECTIVE));
        }
    }

    @AfterEach
    void stop() {
        d.close();
    }

    /** A RATIO objective with hourly periods, silence tolerated for an hour. */
    private static AgreementSnapshot hourly(String agreementId) {
        return new AgreementSnapshot(agreementId, 1, "acme", "Checkout SLA", "provider", "checkout",
                AgreementStatus.ACTIVE, T0, null, "UTC", List.of(spec(SliKind.RATIO, null, null, null, null, "99",
                "PT1H", Duration.ofSeconds(60), "90", null, List.of(), null, Duration.ofHours(1))), null, T0);
    }

    private void measureAll(Instant at, long good, long total) {
        for (String key : keys) {
            d.measure(key.substring(0, key.indexOf('/')), OBJECTIVE, at, good, total);
        }
    }

    /** The second of every interval (1..60 after T0, T0 being a whole minute) the key's records come at. */
    private static int secondOf(String key) {
        int slot = ObjectiveProcessor.slotOf(key, SLOTS);
        return slot == 0 ? SLOTS : slot;
    }

    /** Advances the wall clock by {@code seconds} in one step; the PROVISIONAL records then published, by key. */
    private Map<String, List<ComplianceRecord>> advance(int seconds) {
        d.advanceWallClock(Duration.ofSeconds(seconds));
        second += seconds;
        Map<String, List<ComplianceRecord>> byKey = new TreeMap<>();
        for (TestRecord<String, byte[]> r : d.compliance()) {
            ComplianceRecord c = data(r, ComplianceRecord.class);
            if (c.status() == ComplianceStatus.PROVISIONAL) {
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(c);
            }
        }
        return byKey;
    }

    /** Steps one second at a time; the seconds (since T0) each key got a PROVISIONAL record at, with the records. */
    private Map<String, List<Integer>> stepEachSecond(int seconds, List<ComplianceRecord> records) {
        Map<String, List<Integer>> at = new TreeMap<>();
        for (int i = 0; i < seconds; i++) {
            advance(1).forEach((key, rs) -> {
                records.addAll(rs);
                rs.forEach(r -> at.computeIfAbsent(key, k -> new ArrayList<>()).add(second));
            });
        }
        return at;
    }

    @Test
    void eachObjectiveGetsOneRecordPerIntervalAtTheSameSecondOfEveryMinute() {
        measureAll(T0.plusSeconds(10), 98, 100);
        List<ComplianceRecord> records = new ArrayList<>();
        Map<String, List<Integer>> first = stepEachSecond(60, records);
        Set<Integer> seconds = new HashSet<>();
        for (String key : keys) {
            assertEquals(List.of(secondOf(key)), first.get(key), key);
            seconds.add(secondOf(key));
        }
        // Spread: the 40 objectives came at many different seconds, not in one round.
        assertTrue(seconds.size() > 20, "records at " + seconds.size() + " different seconds");
        assertEquals(keys.size(), records.size());
        for (ComplianceRecord r : records) {
            assertEquals(T0, r.periodStart());
            assertEquals(T0.plusSeconds(10), r.asOf());
            assertEquals(98, r.good());
            assertEquals(100, r.total());
        }

        // Nothing changed: nothing published for a whole interval.
        assertEquals(Map.of(), stepEachSecond(60, new ArrayList<>()));

        // Changed again: one record each, two intervals after the first, i.e. at the same second of the minute.
        measureAll(T0.plus(Duration.ofMinutes(2)), 100, 100);
        records.clear();
        Map<String, List<Integer>> third = stepEachSecond(60, records);
        for (String key : keys) {
            assertEquals(List.of(secondOf(key) + 120), third.get(key), key);
        }
        for (ComplianceRecord r : records) {
            assertEquals(T0.plus(Duration.ofMinutes(2)), r.asOf());
            assertEquals(198, r.good());
            assertEquals(200, r.total());
        }
    }

    @Test
    void lateOrSkippedPunctuationsStillServeEverySlotOnce() {
        measureAll(T0.plusSeconds(10), 98, 100);
        Map<String, List<ComplianceRecord>> published = new TreeMap<>();
        // The first punctuation takes the turn due then: second 1.
        Map<String, List<ComplianceRecord>> atOne = advance(1);
        for (String key : keys) {
            assertEquals(secondOf(key) == 1, atOne.containsKey(key), key);
        }
        atOne.forEach((k, v) -> published.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        // A punctuation 7 s late serves the slots of seconds 2..8 it passed.
        Map<String, List<ComplianceRecord>> late = advance(7);
        for (String key : keys) {
            int s = secondOf(key);
            assertEquals(s >= 2 && s <= 8, late.containsKey(key), key);
        }
        late.forEach((k, v) -> published.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        // Two whole intervals without a punctuation: every slot once, not twice.
        Map<String, List<ComplianceRecord>> afterGap = advance(120);
        afterGap.forEach((k, v) -> published.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        for (String key : keys) {
            assertEquals(1, published.get(key).size(), key);
        }
        assertEquals(Map.of(), stepEachSecond(60, new ArrayList<>()));
    }

    @Test
    void aRecordIsOfThePeriodTheObjectiveIsInWhenItsTurnComes() {
        measureAll(T0.plusSeconds(10), 98, 100);
        stepEachSecond(60, new ArrayList<>());
        // Next hour by event time: the first period becomes final with this measurement, the second one opens.
        Instant nextHour = T0.plus(Duration.ofHours(1));
        measureAll(nextHour.plusSeconds(10), 7, 10);
        List<ComplianceRecord> finals = d.finals();
        assertEquals(keys.size(), finals.size());
        finals.forEach(f -> assertEquals(T0, f.periodStart()));
        List<ComplianceRecord> records = new ArrayList<>();
        Map<String, List<Integer>> at = stepEachSecond(60, records);
        for (String key : keys) {
            assertEquals(List.of(secondOf(key) + 60), at.get(key), key);
        }
        for (ComplianceRecord r : records) {
            assertEquals(nextHour, r.periodStart());
            assertEquals(nextHour.plusSeconds(10), r.asOf());
            assertEquals(7, r.good());
            assertEquals(10, r.total());
        }
    }
}
