package dev.surety.detector;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.EventCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The latest versions of one agreement, oldest first, at most a configured number of them. A
 * version is in force from its {@code updatedAt} until the next version's; measurements are judged
 * by the version in force at their own timestamp.
 */
public final class AgreementHistory {

    private static final byte FORMAT = 1;
    private static final Comparator<Entry> ORDER =
            Comparator.comparingLong((Entry e) -> e.updatedAt).thenComparingInt(e -> e.version);

    /**
     * One kept version: the fields needed to find the version in force, and the snapshot, decoded
     * from its JSON only when asked for (a measurement needs one version, not all of them).
     */
    private static final class Entry {
        final long updatedAt;
        final int version;
        final AgreementStatus status;
        private byte[] json;
        private AgreementSnapshot snapshot;

        Entry(AgreementSnapshot s) {
            this.updatedAt = s.updatedAt().toEpochMilli();
            this.version = s.version();
            this.status = s.status();
            this.snapshot = s;
        }

        Entry(long updatedAt, int version, AgreementStatus status, byte[] json) {
            this.updatedAt = updatedAt;
            this.version = version;
            this.status = status;
            this.json = json;
        }

        AgreementSnapshot snapshot() {
            if (snapshot == null) {
                snapshot = EventCodec.decode(json, AgreementSnapshot.class);
            }
            return snapshot;
        }

        byte[] json() {
            if (json == null) {
                json = EventCodec.encode(snapshot);
            }
            return json;
        }
    }

    private final List<Entry> entries;

    public AgreementHistory(List<AgreementSnapshot> versions) {
        this(versions.stream().map(Entry::new).toList(), true);
    }

    private AgreementHistory(List<Entry> entries, boolean sort) {
        List<Entry> sorted = new ArrayList<>(entries);
        if (sort) {
            sorted.sort(ORDER);
        }
        this.entries = List.copyOf(sorted);
    }

    public static AgreementHistory of(AgreementSnapshot snapshot) {
        return new AgreementHistory(List.of(snapshot));
    }

    /** Every kept version, oldest first (decodes them all). */
    public List<AgreementSnapshot> versions() {
        return entries.stream().map(Entry::snapshot).toList();
    }

    /** The newest version (highest updatedAt, then version). */
    public AgreementSnapshot latest() {
        return entries.get(entries.size() - 1).snapshot();
    }

    /**
     * The version in force at {@code t}: the newest version with {@code updatedAt <= t}. Before the
     * oldest version kept, the oldest one (its predecessors are no longer known).
     */
    public AgreementSnapshot inForce(long t) {
        Entry found = entries.get(0);
        for (Entry e : entries) {
            if (e.updatedAt <= t) {
                found = e;
            } else {
                break;
            }
        }
        return found.snapshot();
    }

    /** The latest ACTIVE version in force before {@code t} (exclusive), else the version in force at {@code t - 1}. */
    public AgreementSnapshot activeBefore(long t) {
        Entry found = null;
        for (Entry e : entries) {
            if (e.updatedAt < t && e.status == AgreementStatus.ACTIVE) {
                found = e;
            }
        }
        return found != null ? found.snapshot() : inForce(t - 1);
    }

    /**
     * This history with {@code snapshot} added: a version already kept is replaced; only the
     * {@code max} newest versions stay.
     */
    public AgreementHistory with(AgreementSnapshot snapshot, int max) {
        List<Entry> next = new ArrayList<>();
        for (Entry e : entries) {
            if (e.version != snapshot.version()) {
                next.add(e);
            }
        }
        next.add(new Entry(snapshot));
        next.sort(ORDER);
        while (next.size() > Math.max(1, max)) {
            next.remove(0);
        }
        return new AgreementHistory(next, false);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(entries.size());
            for (Entry e : entries) {
                out.writeLong(e.updatedAt);
                out.writeInt(e.version);
                out.writeUTF(e.status.name());
                byte[] json = e.json();
                out.writeInt(json.length);
                out.write(json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads an encoded history; a plain snapshot JSON (as on the agreements topic, e.g. after a
     * store was restored byte for byte from the topic) reads as a history of one version.
     */
    public static AgreementHistory decode(byte[] data) {
        if (data.length > 0 && data[0] == '{') {
            return of(EventCodec.decode(data, AgreementSnapshot.class));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown agreement history format " + format);
            }
            int n = in.readInt();
            List<Entry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long updatedAt = in.readLong();
                int version = in.readInt();
                AgreementStatus status = AgreementStatus.valueOf(in.readUTF());
                byte[] json = new byte[in.readInt()];
                in.readFully(json);
                entries.add(new Entry(updatedAt, version, status, json));
            }
            return new AgreementHistory(entries, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
