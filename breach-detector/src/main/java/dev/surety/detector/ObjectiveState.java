package dev.surety.detector;

import dev.surety.events.NoDataPolicy;
import dev.surety.events.ObjectiveSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Everything the detector remembers about one objective between two records: its stream time,
 * the sliding windows of its rules (one per distinct window length), each rule's open breach,
 * the time slices not closed yet, the compliance periods not final yet and a running no-data
 * episode. Lives in a Kafka Streams state store (with changelog), written back per record; the
 * objective processor keeps recently used states decoded on the heap as well (written through, so
 * the store always holds the latest). Encoded in a compact, versioned binary form.
 */
public final class ObjectiveState {

    public static final long NONE = Long.MIN_VALUE;
    /** Rule key of the objective's threshold rule; burn-rate rules are keyed by their name. */
    public static final String THRESHOLD_RULE = "";
    private static final byte FORMAT = 4;

    private final String agreementId;
    private final String objectiveId;
    private long streamTime = NONE;
    private long primaryWindowMs = NONE;
    private final TreeMap<Long, BucketedWindow> windows = new TreeMap<>();
    private final TreeMap<String, Rule> rules = new TreeMap<>();
    private final TreeMap<Long, Slice> openSlices = new TreeMap<>();
    private long lastFinalizedEnd = NONE;
    private final TreeMap<Long, Tally> openPeriods = new TreeMap<>();
    private NoData noData;
    /** Measurements of the last grace period, to judge the rules again when one arrives out of order. */
    private RecentMeasurements recent = new RecentMeasurements(NONE);
    /** When each rule's last breach was resolved, while that is within the last grace period. */
    private final TreeMap<String, Long> resolvedAt = new TreeMap<>();
    /** Period-history changes of the current engine call; not part of the encoded state. */
    private HistoryChanges historyChanges;
    /** The spec the windows were last set up for, compared by identity; not encoded (decoding starts afresh). */
    ObjectiveSpec windowsFor;
    /** The last period worked out, for this version number and spec (identity); not encoded. */
    Period lastPeriod;
    int lastPeriodVersion;
    ObjectiveSpec lastPeriodSpec;

    public ObjectiveState(String agreementId, String objectiveId) {
        this.agreementId = agreementId;
        this.objectiveId = objectiveId;
    }

    /** The open breach episode of one rule; absent while the rule is quiet. */
    public static final class Rule {
        String breachId;
        long openedAt = NONE;
        long falseSince = NONE;

        public String breachId() {
            return breachId;
        }

        public long openedAt() {
            return openedAt;
        }

        public long falseSince() {
            return falseSince;
        }
    }

    /** Sums of one time slice that is not closed yet (TIME_SLICE and PERCENTILE objectives). */
    public static final class Slice {
        long good;
        long total;
        long valueCount;
        double valueSum;
        LogHistogram sketch;

        public long good() {
            return good;
        }

        public long total() {
            return total;
        }

        public long valueCount() {
            return valueCount;
        }

        public double valueSum() {
            return valueSum;
        }

        public LogHistogram sketch() {
            return sketch;
        }
    }

    /** A silent episode: no data since {@code lastDataAt}, judged by {@code policy}. */
    public static final class NoData {
        String episodeId;
        long lastDataAt;
        long detectedAt;
        NoDataPolicy policy;
        /** Units (events or slices) one silent slice counts as. */
        long perSlice;
        /** Silent time is accounted up to here (a slice boundary). */
        long accountedUntil;

        public String episodeId() {
            return episodeId;
        }

        public long lastDataAt() {
            return lastDataAt;
        }

        public long detectedAt() {
            return detectedAt;
        }

        public NoDataPolicy policy() {
            return policy;
        }
    }

    /** Counts of one compliance period that is not final yet. */
    public static final class Tally {
        private final Period period;
        private long good;
        private long total;
        long noDataMs;
        int breaches;
        /** Whether the figures changed since the last provisional record. */
        boolean dirty = true;

        Tally(Period period, long good, long total) {
            this.period = period;
            this.good = good;
            this.total = total;
        }

        public Period period() {
            return period;
        }

        /** Good events (TIME_SLICE, PERCENTILE: good closed slices). */
        public long good() {
            return good;
        }

        /** Valid events (TIME_SLICE, PERCENTILE: closed slices with data). */
        public long total() {
            return total;
        }

        public long noDataMs() {
            return noDataMs;
        }

        public int breaches() {
            return breaches;
        }

        /** Whether the figures changed since the last PROVISIONAL record. */
        public boolean dirty() {
            return dirty;
        }

        void add(long g, long t) {
            good = Math.addExact(good, g);
            total = Math.addExact(total, t);
            dirty = true;
        }
    }

    public String agreementId() {
        return agreementId;
    }

    public String objectiveId() {
        return objectiveId;
    }

    /** Newest event time applied for this objective (the key's stream time), or {@link #NONE}. */
    public long streamTime() {
        return streamTime;
    }

    void streamTime(long t) {
        streamTime = t;
    }

    /** The threshold rule's sliding window, or null before the first measurement. */
    public BucketedWindow window() {
        return primaryWindowMs == NONE ? null : windows.get(primaryWindowMs);
    }

    void window(BucketedWindow w) {
        primaryWindowMs = w.windowMs();
        windows.put(w.windowMs(), w);
    }

    void primaryWindowMs(long ms) {
        primaryWindowMs = ms;
    }

    /** Windows by length in ms. */
    public NavigableMap<Long, BucketedWindow> windows() {
        return windows;
    }

    /** Rules with an open breach, by rule key. */
    public Map<String, Rule> rules() {
        return rules;
    }

    Rule rule(String key) {
        return rules.computeIfAbsent(key, k -> new Rule());
    }

    /** Id of the threshold rule's open breach, or null. */
    public String breachId() {
        Rule r = rules.get(THRESHOLD_RULE);
        return r == null ? null : r.breachId;
    }

    public long breachOpenedAt() {
        Rule r = rules.get(THRESHOLD_RULE);
        return r == null ? NONE : r.openedAt;
    }

    /** Stream time at which the threshold rule turned false while its breach is open, or {@link #NONE}. */
    public long falseSince() {
        Rule r = rules.get(THRESHOLD_RULE);
        return r == null ? NONE : r.falseSince;
    }

    void openBreach(String id, long openedAt) {
        Rule r = rule(THRESHOLD_RULE);
        r.breachId = id;
        r.openedAt = openedAt;
        r.falseSince = NONE;
    }

    void falseSince(long t) {
        rule(THRESHOLD_RULE).falseSince = t;
    }

    void closeRule(String key) {
        rules.remove(key);
    }

    RecentMeasurements recent() {
        return recent;
    }

    /** Time of the rule's last resolution within the last grace period, or {@link #NONE}. */
    long resolvedAt(String rule) {
        Long t = resolvedAt.get(rule);
        return t == null ? NONE : t;
    }

    void resolvedAt(String rule, long t) {
        resolvedAt.put(rule, t);
    }

    /** Forgets recent measurements and resolutions before {@code cutoff}. */
    void forgetBefore(long cutoff) {
        recent.forgetBefore(cutoff);
        if (!resolvedAt.isEmpty()) {
            resolvedAt.values().removeIf(t -> t < cutoff);
        }
    }

    /** Slices not closed yet, by start. */
    public NavigableMap<Long, Slice> openSlices() {
        return openSlices;
    }

    Slice slice(long start) {
        return openSlices.computeIfAbsent(start, s -> new Slice());
    }

    /** Changes to record into the period history, created on first use. */
    HistoryChanges history() {
        if (historyChanges == null) {
            historyChanges = new HistoryChanges();
        }
        return historyChanges;
    }

    /** Takes the period-history changes made since the last call (null when none): the processor stores them. */
    public HistoryChanges drainHistory() {
        HistoryChanges c = historyChanges;
        historyChanges = null;
        return c;
    }

    /** The running silent episode, or null. */
    public NoData noData() {
        return noData;
    }

    void noData(NoData n) {
        noData = n;
    }

    /** End of the latest period finalized for this objective, or {@link #NONE}. */
    public long lastFinalizedEnd() {
        return lastFinalizedEnd;
    }

    /** Open (not final) periods, oldest first. */
    public List<Tally> openPeriods() {
        return Collections.unmodifiableList(new ArrayList<>(openPeriods.values()));
    }

    /** The open tally of {@code period}, or null. */
    public Tally openPeriod(long periodStart) {
        return openPeriods.get(periodStart);
    }

    Tally tally(Period p) {
        return openPeriods.computeIfAbsent(p.start(), s -> new Tally(p, 0, 0));
    }

    void finalized(Tally t) {
        openPeriods.remove(t.period().start());
        lastFinalizedEnd = Math.max(lastFinalizedEnd, t.period().end());
    }

    /**
     * Encodes the state: format 4, numbers as varints (times zigzag, bucket indices and the kept
     * measurements' times as distances): half to a fifth of the fixed-width format 3, the more the busier
     * the objective.
     */
    public byte[] encode() {
        Bytes.Out bytes = new Bytes.Out(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(agreementId);
            out.writeUTF(objectiveId);
            Bytes.writeSignedVarLong(out, streamTime);
            Bytes.writeSignedVarLong(out, primaryWindowMs);
            Bytes.writeVarLong(out, windows.size());
            for (BucketedWindow w : windows.values()) {
                w.writeTo(out);
            }
            Bytes.writeVarLong(out, rules.size());
            for (Map.Entry<String, Rule> e : rules.entrySet()) {
                out.writeUTF(e.getKey());
                Rule r = e.getValue();
                out.writeBoolean(r.breachId != null);
                if (r.breachId != null) {
                    out.writeUTF(r.breachId);
                }
                Bytes.writeSignedVarLong(out, r.openedAt);
                Bytes.writeSignedVarLong(out, r.falseSince);
            }
            Bytes.writeVarLong(out, openSlices.size());
            for (Map.Entry<Long, Slice> e : openSlices.entrySet()) {
                Slice s = e.getValue();
                Bytes.writeSignedVarLong(out, e.getKey());
                Bytes.writeVarLong(out, s.good);
                Bytes.writeVarLong(out, s.total);
                Bytes.writeVarLong(out, s.valueCount);
                out.writeDouble(s.valueSum);
                out.writeBoolean(s.sketch != null);
                if (s.sketch != null) {
                    s.sketch.writeTo(out);
                }
            }
            Bytes.writeSignedVarLong(out, lastFinalizedEnd);
            Bytes.writeVarLong(out, openPeriods.size());
            for (Tally t : openPeriods.values()) {
                Bytes.writeSignedVarLong(out, t.period.start());
                Bytes.writeSignedVarLong(out, t.period.end());
                Bytes.writeVarLong(out, t.good);
                Bytes.writeVarLong(out, t.total);
                Bytes.writeVarLong(out, t.noDataMs);
                Bytes.writeVarLong(out, t.breaches);
                out.writeBoolean(t.dirty);
            }
            out.writeBoolean(noData != null);
            if (noData != null) {
                out.writeUTF(noData.episodeId);
                Bytes.writeSignedVarLong(out, noData.lastDataAt);
                Bytes.writeSignedVarLong(out, noData.detectedAt);
                out.writeByte(noData.policy.ordinal());
                Bytes.writeVarLong(out, noData.perSlice);
                Bytes.writeSignedVarLong(out, noData.accountedUntil);
            }
            recent.writeTo(out);
            Bytes.writeVarLong(out, resolvedAt.size());
            for (Map.Entry<String, Long> e : resolvedAt.entrySet()) {
                out.writeUTF(e.getKey());
                Bytes.writeSignedVarLong(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ObjectiveState decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new Bytes.In(data))) {
            byte format = in.readByte();
            if (format == 1) {
                return decodeFormat1(in);
            }
            if (format < 2 || format > FORMAT) {
                throw new IllegalArgumentException("unknown objective state format " + format);
            }
            // Formats 2 and 3 wrote fixed-width numbers; the layout is otherwise the same.
            boolean compact = format >= 4;
            ObjectiveState s = new ObjectiveState(in.readUTF(), in.readUTF());
            s.streamTime = Bytes.readSigned(in, compact);
            s.primaryWindowMs = Bytes.readSigned(in, compact);
            int windows = Bytes.readSize(in, compact);
            for (int i = 0; i < windows; i++) {
                BucketedWindow w = BucketedWindow.readFrom(in, format);
                s.windows.put(w.windowMs(), w);
            }
            int rules = Bytes.readSize(in, compact);
            for (int i = 0; i < rules; i++) {
                String key = in.readUTF();
                Rule r = new Rule();
                if (in.readBoolean()) {
                    r.breachId = in.readUTF();
                }
                r.openedAt = Bytes.readSigned(in, compact);
                r.falseSince = Bytes.readSigned(in, compact);
                s.rules.put(key, r);
            }
            int slices = Bytes.readSize(in, compact);
            for (int i = 0; i < slices; i++) {
                long start = Bytes.readSigned(in, compact);
                Slice sl = new Slice();
                sl.good = Bytes.readCount(in, compact);
                sl.total = Bytes.readCount(in, compact);
                sl.valueCount = Bytes.readCount(in, compact);
                sl.valueSum = in.readDouble();
                if (in.readBoolean()) {
                    sl.sketch = LogHistogram.readFrom(in, compact);
                }
                s.openSlices.put(start, sl);
            }
            s.lastFinalizedEnd = Bytes.readSigned(in, compact);
            int periods = Bytes.readSize(in, compact);
            for (int i = 0; i < periods; i++) {
                Period p = new Period(Bytes.readSigned(in, compact), Bytes.readSigned(in, compact));
                Tally t = new Tally(p, Bytes.readCount(in, compact), Bytes.readCount(in, compact));
                t.noDataMs = Bytes.readCount(in, compact);
                t.breaches = Bytes.readSize(in, compact);
                t.dirty = in.readBoolean();
                s.openPeriods.put(p.start(), t);
            }
            if (in.readBoolean()) {
                NoData n = new NoData();
                n.episodeId = in.readUTF();
                n.lastDataAt = Bytes.readSigned(in, compact);
                n.detectedAt = Bytes.readSigned(in, compact);
                n.policy = NoDataPolicy.values()[in.readByte()];
                n.perSlice = Bytes.readCount(in, compact);
                n.accountedUntil = Bytes.readSigned(in, compact);
                s.noData = n;
            }
            if (format >= 3) {
                s.recent = RecentMeasurements.readFrom(in, compact);
                int resolved = Bytes.readSize(in, compact);
                for (int i = 0; i < resolved; i++) {
                    s.resolvedAt.put(in.readUTF(), Bytes.readSigned(in, compact));
                }
            }
            if (format < 4) {
                // Format 2 kept no measurements; format 3 none of TIME_SLICE objectives, and no closed slice
                // that had left its window: nothing up to the stream time can be looked back at.
                s.recent = new RecentMeasurements(s.streamTime == NONE ? NONE : s.streamTime + 1);
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first release's layout (one RATIO window, one breach), so its stores and changelogs still read. */
    private static ObjectiveState decodeFormat1(DataInputStream in) throws IOException {
        ObjectiveState s = new ObjectiveState(in.readUTF(), in.readUTF());
        s.streamTime = in.readLong();
        s.recent = new RecentMeasurements(s.streamTime == NONE ? NONE : s.streamTime + 1);
        if (in.readBoolean()) {
            BucketedWindow w = BucketedWindow.readFormat1(in);
            s.window(w);
        }
        if (in.readBoolean()) {
            s.openBreach(in.readUTF(), in.readLong());
            s.falseSince(in.readLong());
        }
        s.lastFinalizedEnd = in.readLong();
        int periods = in.readInt();
        for (int i = 0; i < periods; i++) {
            Period p = new Period(in.readLong(), in.readLong());
            s.openPeriods.put(p.start(), new Tally(p, in.readLong(), in.readLong()));
        }
        return s;
    }
}
