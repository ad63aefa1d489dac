package dev.surety.detector.streams;

import dev.surety.detector.AgreementHistory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.jboss.logging.Logger;

/**
 * Serde of the global agreements store's values: the kept versions of one agreement. A plain
 * snapshot JSON (a store restored byte for byte from the topic) reads as one version; a value that
 * does not decode reads as absent instead of stopping the stream.
 *
 * <p>Every read of the store (each measurement, each wall-clock visit, each status request) hands
 * the deserializer the stored bytes afresh. Decoding them — and the JSON of the version then used —
 * cost more than the rest of a measurement's work, so decoded histories are kept, keyed by the
 * stored bytes themselves: equal bytes always decode to an equal history, so the cache can never
 * hand out a stale version (a changed agreement is a different value), and nothing needs to be
 * invalidated. Bounded (least recently used out); shared by the stream threads, the global thread
 * and interactive queries, so synchronized.
 */
public final class AgreementHistorySerde {

    private static final Logger LOG = Logger.getLogger(AgreementHistorySerde.class);

    /** Default bound of the decoded-history cache (distinct stored values). */
    public static final int DEFAULT_CACHE_SIZE = 4096;

    private AgreementHistorySerde() {
    }

    public static Serde<AgreementHistory> create() {
        return create(DEFAULT_CACHE_SIZE);
    }

    /** A serde keeping up to {@code cacheSize} decoded histories (0: none). */
    public static Serde<AgreementHistory> create(int cacheSize) {
        Decoded cache = new Decoded(cacheSize);
        Serializer<AgreementHistory> ser = (topic, h) -> h == null ? null : h.encode();
        Deserializer<AgreementHistory> de = (topic, b) -> {
            if (b == null) {
                return null;
            }
            Value key = new Value(b);
            AgreementHistory known = cache.get(key);
            if (known != null) {
                return known;
            }
            try {
                AgreementHistory h = AgreementHistory.decode(b);
                cache.put(key, h);
                return h;
            } catch (RuntimeException e) {
                LOG.warnf("unreadable agreement history ignored: %s", e.getMessage());
                return null;
            }
        };
        return Serdes.serdeFrom(ser, de);
    }

    /**
     * A stored value as a map key: equality is byte equality (a vectorized compare); the hash covers
     * the length and both ends, where the agreement id, the versions and their times sit, so it is
     * cheap for values of several kilobytes.
     */
    private static final class Value {
        private static final int EDGE = 96;
        private final byte[] bytes;
        private final int hash;

        Value(byte[] bytes) {
            this.bytes = bytes;
            int h = bytes.length;
            int head = Math.min(EDGE, bytes.length);
            for (int i = 0; i < head; i++) {
                h = 31 * h + bytes[i];
            }
            for (int i = Math.max(head, bytes.length - EDGE); i < bytes.length; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Value v && v.hash == hash && Arrays.equals(v.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Decoded {
        private final int max;
        private final LinkedHashMap<Value, AgreementHistory> lru;

        Decoded(int max) {
            this.max = max;
            this.lru = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Value, AgreementHistory> eldest) {
                    return size() > Decoded.this.max;
                }
            };
        }

        synchronized AgreementHistory get(Value v) {
            return max == 0 ? null : lru.get(v);
        }

        synchronized void put(Value v, AgreementHistory h) {
            if (max > 0) {
                lru.put(v, h);
            }
        }
    }
}
