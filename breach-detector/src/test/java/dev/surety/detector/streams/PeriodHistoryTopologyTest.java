package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.AGREEMENT;
import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.OBJECTIVE;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.detector.AgreementHistory;
import dev.surety.detector.Episode;
import dev.surety.detector.HistorySource;
import dev.surety.detector.HourCount;
import dev.surety.detector.rest.HistoryMapper;
import dev.surety.detector.rest.ObjectiveHistory;
import dev.surety.detector.rest.ObjectiveStatus;
import dev.surety.detector.rest.StatusMapper;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachKind;
import dev.surety.events.BreachOpened;
import dev.surety.events.Comparison;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.SliKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The period history the real topology keeps beside the objective state: hour buckets that sum to
 * exactly what the period's attainment counts (the status endpoint's current period), with
 * calendar periods across a DST change, excluded maintenance, open slices, reordering within
 * grace, breach episodes across period ends, and pruning of periods older than the previous one.
 */
class PeriodHistoryTopologyTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path stateDir;

    private final HistoryMapper historyMapper = new HistoryMapper();
    private final StatusMapper statusMapper = new StatusMapper();

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    private static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static HistorySource source(DetectorDriver d) {
        KeyValueStore<String, HourCount> hours = d.driver.getKeyValueStore(DetectorTopology.HISTORY_STORE);
        KeyValueStore<String, Episode> episodes = d.driver.getKeyValueStore(DetectorTopology.EPISODES_STORE);
        return new HistorySource() {
            @Override
            public NavigableMap<Long, HourCount> hours(long periodStart) {
                return HistoryStores.hours(hours, KEY, periodStart);
            }

            @Override
            public List<Episode> episodes() {
                return HistoryStores.episodes(episodes, KEY);
            }
        };
    }

    private ObjectiveHistory history(DetectorDriver d, AgreementSnapshot a, Instant now, boolean previous) {
        return historyMapper.objective(AgreementHistory.of(a), a, a.objectives().get(0), d.state(KEY), source(d),
                now.toEpochMilli(), previous);
    }

    private ObjectiveStatus status(DetectorDriver d, AgreementSnapshot a, Instant now) {
        return statusMapper.objective(AgreementHistory.of(a), a, a.objectives().get(0), d.state(KEY), now.toEpochMilli());
    }

    /** The buckets sum to the status's current-period figures, over the same period. */
    private static void assertSumsToCurrentPeriod(ObjectiveHistory h, ObjectiveStatus s) {
        assertEquals(s.currentPeriod().start(), h.periodStart());
        assertEquals(s.currentPeriod().end(), h.periodEnd());
        assertEquals(s.currentPeriod().good(), h.buckets().stream().mapToLong(ObjectiveHistory.Bucket::good).sum());
        assertEquals(s.currentPeriod().total(), h.buckets().stream().mapToLong(ObjectiveHistory.Bucket::valid).sum());
        assertEquals(s.currentPeriod().unit(), h.unit());
    }

    private static ObjectiveHistory.Bucket bucket(String start, String end, long good, long valid, long excludedMinutes) {
        return new ObjectiveHistory.Bucket(at(start), at(end), good, valid, BigDecimal.valueOf(excludedMinutes));
    }

    private static String local(Instant t) {
        return LocalDateTime.ofInstant(t, BERLIN).toString();
    }

    private static List<String> keys(DetectorDriver d, String store) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Object> it = d.driver.<String, Object>getKeyValueStore(store).all()) {
            while (it.hasNext()) {
                KeyValue<String, Object> kv = it.next();
                keys.add(kv.key);
            }
        }
        return keys;
    }

    @Test
    void hoursOfABerlinMarchAreRealHoursAcrossTheDstChangeAndSumToThePeriodFigures() {
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "Europe/Berlin", Exclusions.NONE,
                spec(SliKind.RATIO, null, null, null, null, "99", "CALENDAR_MONTH", m(5), "50", Duration.ZERO,
                        List.of(), null, null));
        try (DetectorDriver d = new DetectorDriver(stateDir, at("2026-03-01T00:00:00Z"))) {
            d.publish(a);
            d.measure(AGREEMENT, OBJECTIVE, at("2026-02-28T23:10:00Z"), 100, 100);    // 1 March, 00:10 local
            d.measure(AGREEMENT, OBJECTIVE, at("2026-03-29T00:30:00Z"), 50, 60);      // 01:30 CET
            d.measure(AGREEMENT, OBJECTIVE, at("2026-03-29T01:30:00Z"), 70, 70);      // 03:30 CEST
            d.measure(AGREEMENT, OBJECTIVE, at("2026-03-31T21:59:59.999Z"), 10, 20);  // 23:59:59.999 CEST
            Instant now = at("2026-03-31T21:59:59.999Z");

            ObjectiveHistory h = history(d, a, now, false);
            assertEquals(OBJECTIVE, h.objectiveId());
            assertEquals("Europe/Berlin", h.timeZone());
            assertEquals("events", h.unit());
            // March in Berlin: local midnight to local midnight, one hour short.
            assertEquals(at("2026-02-28T23:00:00Z"), h.periodStart());
            assertEquals(at("2026-03-31T22:00:00Z"), h.periodEnd());
            assertEquals(Duration.ofHours(743), Duration.between(h.periodStart(), h.periodEnd()));
            assertEquals(List.of(
                    bucket("2026-02-28T23:00:00Z", "2026-03-01T00:00:00Z", 100, 100, 0),
                    bucket("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", 50, 60, 0),
                    bucket("2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z", 70, 70, 0),
                    bucket("2026-03-31T21:00:00Z", "2026-03-31T22:00:00Z", 10, 20, 0)), h.buckets());
            // Local hour edges: 01:00 is followed by 03:00 (02:00 does not exist that night).
            assertEquals(List.of("2026-03-01T00:00", "2026-03-29T01:00", "2026-03-29T03:00", "2026-03-31T23:00"),
                    h.buckets().stream().map(b -> local(b.start())).toList());
            assertEquals("2026-04-01T00:00", local(h.buckets().get(3).end()));
            assertSumsToCurrentPeriod(h, status(d, a, now));
            assertEquals(List.of(), h.breaches());
            assertEquals(List.of(), h.noData());
            assertEquals(BigDecimal.ZERO, h.excludedMinutes());
        }
    }

    @Test
    void timeSlicesCountByTheirStartWithoutExcludedMaintenanceAndOpenSlicesWithTheirCurrentVerdict() {
        Exclusions maintenance = new Exclusions(List.of(new MaintenanceWindow("mw-1", "upgrade",
                at("2026-01-05T10:00:00Z"), m(30), null, null, T0, true)), null, List.of());
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", maintenance,
                spec(SliKind.TIME_SLICE, Comparison.GE, "99", null, m(1), "99.9", "CALENDAR_MONTH", m(10), "50",
                        Duration.ZERO, List.of(), null, null));
        try (DetectorDriver d = new DetectorDriver(stateDir, T0)) {
            d.publish(a);
            Instant first = at("2026-01-05T09:00:30Z");
            for (int i = 0; i < 135; i++) {
                Instant t = first.plus(m(i));
                boolean bad = i == 15 || i == 105;                   // 09:15 and 10:45 fall short of 99 %
                d.measure(AGREEMENT, OBJECTIVE, t, bad ? 50 : 100, 100);
            }
            Instant now = first.plus(m(134));                        // 11:14:30: slice 11:14 is still open
            assertEquals(30, d.metrics.count("excluded"));

            ObjectiveHistory h = history(d, a, now, false);
            assertEquals("slices", h.unit());
            assertEquals(List.of(
                    bucket("2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z", 59, 60, 0),
                    bucket("2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z", 29, 30, 30),
                    bucket("2026-01-05T11:00:00Z", "2026-01-05T12:00:00Z", 15, 15, 0)), h.buckets());
            assertEquals(BigDecimal.valueOf(30), h.excludedMinutes());
            assertSumsToCurrentPeriod(h, status(d, a, now));
            // The stored hour holds the judged slices only; the open one comes from the live state.
            HourCount stored = source(d).hours(at("2026-01-01T00:00:00Z").toEpochMilli()).get(4L * 24 + 11);
            assertEquals(new HourCount(14, 14), stored);
        }
    }

    /** A slice objective's measurements around an hour edge, in the given order. */
    private ObjectiveHistory sliceRun(Path dir, List<Integer> order) {
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.TIME_SLICE, Comparison.GE, "99", null, m(1), "99.9", "CALENDAR_MONTH", m(10), "50",
                        Duration.ZERO, List.of(), null, null));
        String[] times = {"2026-01-05T10:59:10Z", "2026-01-05T10:59:50Z", "2026-01-05T11:00:02Z",
                "2026-01-05T11:00:58Z", "2026-01-05T11:01:03Z", "2026-01-05T11:02:30Z"};
        long[] good = {100, 0, 100, 50, 100, 100};
        try (DetectorDriver d = new DetectorDriver(dir, T0)) {
            d.publish(a);
            // Nine good minutes first, so that no rule flips around the reordered ones.
            for (int i = 0; i < 9; i++) {
                d.measure(AGREEMENT, OBJECTIVE, at("2026-01-05T10:50:30Z").plus(m(i)), 100, 100);
            }
            for (int i : order) {
                d.measure(AGREEMENT, OBJECTIVE, at(times[i]), good[i], 100);
            }
            assertEquals(0, d.metrics.count("late"));
            Instant now = at(times[5]);
            ObjectiveHistory h = history(d, a, now, false);
            assertSumsToCurrentPeriod(h, status(d, a, now));
            return h;
        }
    }

    @Test
    void measurementsReorderedWithinGraceGiveTheSameHours() throws IOException {
        ObjectiveHistory inOrder = sliceRun(Files.createDirectory(stateDir.resolve("in-order")),
                List.of(0, 1, 2, 3, 4, 5));
        // 10:59:50 arrives after 11:00:02 and 11:00:58 after 11:01:03: both within the 5 s grace of their slice.
        ObjectiveHistory reordered = sliceRun(Files.createDirectory(stateDir.resolve("reordered")),
                List.of(0, 2, 1, 4, 3, 5));
        assertEquals(List.of(
                bucket("2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z", 9, 10, 0),    // 10:59: 100/200
                bucket("2026-01-05T11:00:00Z", "2026-01-05T12:00:00Z", 2, 3, 0)),    // 11:00 bad, 11:01, 11:02 good
                inOrder.buckets());
        assertEquals(List.of(), inOrder.breaches());
        assertEquals(inOrder, reordered);
    }

    @Test
    void aBreachOpenAcrossThePeriodEndIsListedInBothPeriodsWithItsResolution() {
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.RATIO, null, null, null, null, "99.9", "CALENDAR_MONTH", m(5), "99", Duration.ZERO,
                        List.of(), null, null));
        try (DetectorDriver d = new DetectorDriver(stateDir, T0)) {
            d.publish(a);
            d.measure(AGREEMENT, OBJECTIVE, at("2026-01-10T12:00:00Z"), 50, 100);       // opens #1
            d.measure(AGREEMENT, OBJECTIVE, at("2026-01-10T12:10:00Z"), 10_000, 10_000); // resolves #1
            d.measure(AGREEMENT, OBJECTIVE, at("2026-01-31T23:50:00Z"), 50, 100);       // opens #2
            d.measure(AGREEMENT, OBJECTIVE, at("2026-02-01T00:10:00Z"), 100, 100);      // January final; resolves #2
            d.measure(AGREEMENT, OBJECTIVE, at("2026-02-01T00:20:00Z"), 0, 100);        // opens #3
            List<String> opened = d.breaches().stream()
                    .filter(r -> r.value() != null && "dev.surety.breach.opened.v1".equals(
                            DetectorDriver.header(r, dev.surety.events.CloudEvents.H_TYPE)))
                    .map(r -> DetectorDriver.data(r, BreachOpened.class).breachId()).toList();
            assertEquals(3, opened.size());
            Instant now = at("2026-02-01T00:20:00Z");

            ObjectiveHistory february = history(d, a, now, false);
            assertEquals(at("2026-02-01T00:00:00Z"), february.periodStart());
            assertEquals(List.of(
                    new ObjectiveHistory.Breach(opened.get(1), BreachKind.THRESHOLD, null, null,
                            at("2026-01-31T23:50:00Z"), at("2026-02-01T00:10:00Z"), "recovered"),
                    new ObjectiveHistory.Breach(opened.get(2), BreachKind.THRESHOLD, null, null,
                            at("2026-02-01T00:20:00Z"), null, null)), february.breaches());
            assertEquals(List.of(bucket("2026-02-01T00:00:00Z", "2026-02-01T01:00:00Z", 100, 200, 0)),
                    february.buckets());
            assertSumsToCurrentPeriod(february, status(d, a, now));

            ObjectiveHistory january = history(d, a, now, true);
            assertEquals(at("2026-01-01T00:00:00Z"), january.periodStart());
            assertEquals(at("2026-02-01T00:00:00Z"), january.periodEnd());
            assertEquals(List.of(opened.get(0), opened.get(1)),
                    january.breaches().stream().map(ObjectiveHistory.Breach::breachId).toList());
            assertEquals(at("2026-02-01T00:10:00Z"), january.breaches().get(1).resolvedAt());
            // The finished period's hours sum to its FINAL compliance record.
            ComplianceRecord fin = d.finals().get(0);
            assertEquals(fin.good(), january.buckets().stream().mapToLong(ObjectiveHistory.Bucket::good).sum());
            assertEquals(fin.total(), january.buckets().stream().mapToLong(ObjectiveHistory.Bucket::valid).sum());
            assertEquals(List.of(
                    bucket("2026-01-10T12:00:00Z", "2026-01-10T13:00:00Z", 10_050, 10_100, 0),
                    bucket("2026-01-31T23:00:00Z", "2026-02-01T00:00:00Z", 50, 100, 0)), january.buckets());
        }
    }

    @Test
    void periodsOlderThanThePreviousOneArePrunedWhenAPeriodIsFinalized() {
        // Three-hour periods from T0: [0 h, 3 h), [3 h, 6 h), [6 h, 9 h), ...
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.RATIO, null, null, null, null, "99.9", "PT3H", m(5), "99", Duration.ZERO,
                        List.of(), null, null));
        try (DetectorDriver d = new DetectorDriver(stateDir, T0)) {
            d.publish(a);
            d.measure(m(30), 50, 100);          // breach opens
            d.measure(m(40), 100, 100);         // and resolves, in period 0
            d.measure(m(90), 100, 100);
            d.measure(m(210), 100, 100);        // period 1; period 0 is final
            d.measure(m(270), 100, 100);
            assertEquals(4, keys(d, DetectorTopology.HISTORY_STORE).size());
            assertEquals(1, keys(d, DetectorTopology.EPISODES_STORE).size());
            ObjectiveHistory previous = history(d, a, T0.plus(m(270)), true);
            assertEquals(T0, previous.periodStart());
            assertEquals(2, previous.buckets().size());
            assertEquals(1, previous.breaches().size());

            d.measure(m(390), 100, 100);        // period 2; period 1 is final: period 0 goes
            List<String> kept = keys(d, DetectorTopology.HISTORY_STORE);
            assertEquals(3, kept.size());
            String periodOne = String.format("%015d", T0.plus(m(180)).toEpochMilli());
            String periodTwo = String.format("%015d", T0.plus(m(360)).toEpochMilli());
            assertTrue(kept.stream().allMatch(k -> k.startsWith(KEY + "/" + periodOne + "/")
                    || k.startsWith(KEY + "/" + periodTwo + "/")), kept.toString());
            assertEquals(List.of(), keys(d, DetectorTopology.EPISODES_STORE));
            ObjectiveHistory now = history(d, a, T0.plus(m(390)), false);
            assertEquals(T0.plus(m(360)), now.periodStart());
            assertEquals(1, now.buckets().size());
            assertEquals(2, history(d, a, T0.plus(m(390)), true).buckets().size());

            // The wall clock finalizes period 2 without further data: period 1 goes too.
            d.advanceWallClock(m(540).plusSeconds(10));
            assertEquals(List.of(KEY + "/" + periodTwo + "/000000"), keys(d, DetectorTopology.HISTORY_STORE));
        }
    }

    @Test
    void silentTimeJudgedBadCountsInItsHoursAndTheEpisodeIsListed() {
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.RATIO, null, null, null, null, "99.9", "P30D", m(5), "90", Duration.ZERO,
                        List.of(), NoDataPolicy.BAD, null));
        try (DetectorDriver d = new DetectorDriver(stateDir, T0)) {
            d.publish(a);
            d.measure(m(8), 60, 60);
            d.advanceWallClock(m(45));                   // silent since 8 min: detected, judged so far
            ObjectiveHistory silent = history(d, a, T0.plus(m(45)), false);
            assertEquals(1, silent.noData().size());
            assertEquals(T0.plus(m(8)), silent.noData().get(0).startedAt());
            assertNull(silent.noData().get(0).endedAt());
            assertSumsToCurrentPeriod(silent, status(d, a, T0.plus(m(45))));

            d.measure(m(75), 60, 60);                   // data resumes
            Instant now = T0.plus(m(75));
            ObjectiveHistory h = history(d, a, now, false);
            assertEquals(List.of(new ObjectiveHistory.NoData(silent.noData().get(0).episodeId(), T0.plus(m(8)),
                    T0.plus(m(75)))), h.noData());
            assertSumsToCurrentPeriod(h, status(d, a, now));
            // Silent minutes 9..59 in hour 0 and 60..74 in hour 1 are bad, as the period counts them.
            assertEquals(2, h.buckets().size());
            assertTrue(h.buckets().get(0).valid() > h.buckets().get(0).good());
            assertTrue(h.buckets().get(1).valid() > h.buckets().get(1).good());
        }
    }

    @TempDir
    Path restarted;

    @Test
    void historyAndAnOpenBurnRateEpisodeSurviveARestartAndTheEpisodeEndsAfterIt() throws IOException {
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.RATIO, null, null, null, null, "99.9", "CALENDAR_MONTH", m(5), "1", Duration.ZERO,
                        List.of(new dev.surety.events.BurnRateRule("page", new BigDecimal("14.4"), Duration.ofHours(1),
                                m(5), "page")), null, null));
        try (DetectorDriver before = new DetectorDriver(stateDir, T0)) {
            before.publish(a);
            before.measure(m(0), 980, 1_000);                         // 2 % errors: burns at 20
            assertEquals(1, history(before, a, T0, false).breaches().size());
            // A crashed instance leaves its state directory as of the last commit.
            try (var files = Files.walk(stateDir)) {
                for (Path p : files.toList()) {
                    Path target = restarted.resolve(stateDir.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }
        try (DetectorDriver after = new DetectorDriver(restarted, T0)) {
            after.publish(a);
            after.measure(m(6), 100_000, 100_000);                    // the short window recovers
            Instant now = T0.plus(m(6));
            ObjectiveHistory h = history(after, a, now, false);
            assertEquals(1, h.breaches().size());
            ObjectiveHistory.Breach b = h.breaches().get(0);
            assertEquals(BreachKind.BURN_RATE, b.kind());
            assertEquals("page", b.rule());
            assertEquals("page", b.severity());
            assertEquals(T0, b.openedAt());
            assertEquals(now, b.resolvedAt());
            assertEquals("recovered", b.reason());
            // One hour record holding both sides of the restart, counted once.
            assertEquals(List.of(bucket("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", 100_980, 101_000, 0)),
                    h.buckets());
            assertEquals(1, keys(after, DetectorTopology.HISTORY_STORE).size());
            assertSumsToCurrentPeriod(h, status(after, a, now));
        }
    }

    @Test
    void aBreachCutByMaintenanceEndsWithReasonMaintenanceAndTheExcludedHourShowsIt() {
        Exclusions maintenance = new Exclusions(List.of(new MaintenanceWindow("mw-1", "upgrade",
                T0.plus(m(60)), m(30), null, null, T0, true)), null, List.of());
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", maintenance,
                spec(SliKind.RATIO, null, null, null, null, "99.9", "CALENDAR_MONTH", m(5), "99", Duration.ZERO,
                        List.of(), null, null));
        try (DetectorDriver d = new DetectorDriver(stateDir, T0)) {
            d.publish(a);
            d.measure(m(55), 50, 100);                                // opens
            d.measure(m(65), 0, 100);                                 // inside maintenance: cut at 01:00, not counted
            d.measure(m(95), 100, 100);                               // after it
            Instant now = T0.plus(m(95));
            ObjectiveHistory h = history(d, a, now, false);
            assertEquals(1, h.breaches().size());
            assertEquals(T0.plus(m(60)), h.breaches().get(0).resolvedAt());
            assertEquals("maintenance", h.breaches().get(0).reason());
            assertEquals(List.of(
                    bucket("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", 50, 100, 0),
                    bucket("2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", 100, 100, 30)), h.buckets());
            assertEquals(BigDecimal.valueOf(30), h.excludedMinutes());
            assertSumsToCurrentPeriod(h, status(d, a, now));
        }
    }

    /** Ids may contain "/": keys of another objective whose id starts with this one's are not its hours. */
    @Test
    void hoursOfAnotherObjectiveWhoseIdStartsWithThisOnesAreNotMixedIn() {
        AgreementSnapshot a = agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.RATIO, null, null, null, null, "99.9", "CALENDAR_MONTH", m(5), "50", Duration.ZERO,
                        List.of(), null, null));
        try (DetectorDriver d = new DetectorDriver(stateDir, T0)) {
            d.publish(a);
            d.measure(m(10), 90, 100);
            KeyValueStore<String, HourCount> store = d.driver.getKeyValueStore(DetectorTopology.HISTORY_STORE);
            String periodStart = String.format("%015d", T0.toEpochMilli());
            store.put(KEY + "/eu/" + periodStart + "/000000", new HourCount(1, 1));
            store.put(KEY + "/" + periodStart + "/000000/x/" + periodStart + "/000000", new HourCount(1, 1));
            TreeMap<Long, HourCount> hours = HistoryStores.hours(store, KEY, T0.toEpochMilli());
            assertEquals(1, hours.size());
            assertEquals(new HourCount(90, 100), hours.get(0L));
        }
    }
}
