package dev.surety.detector.streams;

import dev.surety.detector.Episode;
import dev.surety.detector.HistoryChanges;
import dev.surety.detector.HistoryKeys;
import dev.surety.detector.HourCount;
import dev.surety.detector.ObjectiveState;
import dev.surety.events.BreachKind;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.NoDataEnded;
import dev.surety.events.NoDataStarted;
import dev.surety.detector.Emission;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The period history of the objectives on one partition, in two stores beside {@code objective-state}
 * (both with changelog, written in the same transaction): {@code objective-history} holds one small
 * record per objective, period and hour with the good/valid units counted there; {@code
 * objective-episodes} one record per breach or no-data episode, written when it opens and when it
 * ends. Periods older than the previous one are pruned when a period is finalized.
 */
public final class HistoryStores {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, HourCount> buckets;
    private final KeyValueStore<String, Episode> episodes;

    HistoryStores(KeyValueStore<String, HourCount> buckets, KeyValueStore<String, Episode> episodes) {
        this.buckets = buckets;
        this.episodes = episodes;
    }

    /** Serde of the hour buckets. */
    public static Serde<HourCount> hourCountSerde() {
        Serializer<HourCount> ser = (topic, c) -> c == null ? null : c.encode();
        Deserializer<HourCount> de = (topic, b) -> b == null ? null : HourCount.decode(b);
        return Serdes.serdeFrom(ser, de);
    }

    /** Serde of the episodes. */
    public static Serde<Episode> episodeSerde() {
        Serializer<Episode> ser = (topic, e) -> e == null ? null : e.encode();
        Deserializer<Episode> de = (topic, b) -> b == null ? null : Episode.decode(b);
        return Serdes.serdeFrom(ser, de);
    }

    /** Stores what an engine call counted and prunes what a finalized period made too old. */
    void apply(String key, HistoryChanges changes) {
        if (changes == null) {
            return;
        }
        for (HistoryChanges.Count c : changes.counts()) {
            if (!HistoryKeys.representable(c.periodStart(), c.hour())) {
                continue;
            }
            String k = HistoryKeys.bucket(key, c.periodStart(), c.hour());
            HourCount before = buckets.get(k);
            buckets.put(k, before == null ? new HourCount(c.good(), c.valid()) : before.plus(c.good(), c.valid()));
        }
        if (changes.finalizedPeriodStart() != ObjectiveState.NONE) {
            prune(key, changes.finalizedPeriodStart());
        }
    }

    /**
     * Once period {@code P} is final, the current period is the one after it and {@code P} the
     * previous one: hours of periods before {@code P} and episodes that ended before it go.
     */
    private void prune(String key, long keepFrom) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, HourCount> it = buckets.prefixScan(HistoryKeys.objectivePrefix(key), KEYS)) {
            while (it.hasNext()) {
                String k = it.next().key;
                long start = HistoryKeys.bucketPeriodStart(k, key);
                if (start >= keepFrom) {
                    break;
                }
                if (start >= 0) {
                    old.add(k);
                }
            }
        }
        old.forEach(buckets::delete);
        List<String> ended = new ArrayList<>();
        try (KeyValueIterator<String, Episode> it = episodes.prefixScan(HistoryKeys.objectivePrefix(key), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, Episode> kv = it.next();
                if (HistoryKeys.isEpisodeOf(kv.key, key, kv.value.id()) && !kv.value.open() && kv.value.end() <= keepFrom) {
                    ended.add(kv.key);
                }
            }
        }
        ended.forEach(episodes::delete);
    }

    /** Records the episode an emitted breach or no-data event opens or ends; other events change nothing. */
    void record(String key, Emission e) {
        Record event = e.event();
        if (event instanceof BreachOpened o) {
            put(key, new Episode(false, o.breachId(), o.kind() == null ? BreachKind.THRESHOLD : o.kind(), o.rule(),
                    o.severity(), o.openedAt().toEpochMilli(), ObjectiveState.NONE, null));
        } else if (event instanceof BreachResolved r) {
            long start = r.openedAt().toEpochMilli();
            String k = HistoryKeys.episode(key, start, r.breachId());
            Episode open = episodes.get(k);
            if (open == null) {
                // Opened before the history existed: what the resolution says is all there is.
                open = new Episode(false, r.breachId(), r.kind() == null ? BreachKind.THRESHOLD : r.kind(), r.rule(),
                        null, start, ObjectiveState.NONE, null);
            }
            episodes.put(k, open.ended(r.resolvedAt().toEpochMilli(), r.reason()));
        } else if (event instanceof NoDataStarted n) {
            put(key, new Episode(true, n.episodeId(), null, null, null, n.lastDataAt().toEpochMilli(),
                    ObjectiveState.NONE, null));
        } else if (event instanceof NoDataEnded n) {
            long start = n.lastDataAt().toEpochMilli();
            String k = HistoryKeys.episode(key, start, n.episodeId());
            Episode open = episodes.get(k);
            if (open == null) {
                open = new Episode(true, n.episodeId(), null, null, null, start, ObjectiveState.NONE, null);
            }
            episodes.put(k, open.ended(n.dataResumedAt().toEpochMilli(), null));
        }
    }

    private void put(String key, Episode e) {
        episodes.put(HistoryKeys.episode(key, e.start(), e.id()), e);
    }

    // ---------------------------------------------------------------- reads (interactive queries and tests)

    /** The stored hours of one period of an objective, by hour index. */
    public static TreeMap<Long, HourCount> hours(ReadOnlyKeyValueStore<String, HourCount> store, String key,
                                                 long periodStart) {
        TreeMap<Long, HourCount> out = new TreeMap<>();
        if (!HistoryKeys.representable(periodStart, 0)) {
            return out;
        }
        try (KeyValueIterator<String, HourCount> it = store.prefixScan(HistoryKeys.periodPrefix(key, periodStart), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, HourCount> kv = it.next();
                long hour = HistoryKeys.bucketHour(kv.key, key);
                if (hour >= 0 && kv.value != null) {
                    out.put(hour, kv.value);
                }
            }
        }
        return out;
    }

    /** Every stored episode of an objective, oldest first. */
    public static List<Episode> episodes(ReadOnlyKeyValueStore<String, Episode> store, String key) {
        List<Episode> out = new ArrayList<>();
        try (KeyValueIterator<String, Episode> it = store.prefixScan(HistoryKeys.objectivePrefix(key), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, Episode> kv = it.next();
                if (kv.value != null && HistoryKeys.isEpisodeOf(kv.key, key, kv.value.id())) {
                    out.add(kv.value);
                }
            }
        }
        return out;
    }
}
