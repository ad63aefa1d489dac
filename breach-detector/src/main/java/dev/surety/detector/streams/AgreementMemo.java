package dev.surety.detector.streams;

import dev.surety.detector.AgreementHistory;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The agreement histories one objective processor has read from the global agreements store, by
 * agreement id, for as long as the store is not written: a measurement then gets its agreement
 * without a RocksDB read, a copy of the stored bytes and the byte comparison that finds the decoded
 * history in {@link AgreementHistorySerde}'s cache (profiled draining exactly-once: 4 % of the stream
 * thread's Java samples, and the RocksDB read the most frequent of its native ones).
 *
 * <p>Never stale: the global thread counts its writes ({@link AgreementChanges#writes()}, odd while
 * one is under way). The memo holds only what was read since the count it last saw; a different
 * count empties it, and while a write is under way every read goes to the store. So a history
 * handed out is the one the store holds at that moment. Adds no memory: the memo refers to the
 * histories weakly (the serde's bounded cache is what keeps them decoded) and holds at most
 * {@code maxEntries} ids. One per processor, used on its stream thread only.
 */
final class AgreementMemo {

    private final AgreementChanges changes;
    private final int maxEntries;
    private final Map<String, WeakReference<AgreementHistory>> byId = new HashMap<>();
    /** The write count the memo's entries were read under. */
    private long writes = -1;

    AgreementMemo(AgreementChanges changes, int maxEntries) {
        this.changes = changes;
        this.maxEntries = Math.max(1, maxEntries);
    }

    /** {@code store.get(agreementId)}. */
    AgreementHistory get(KeyValueStore<String, AgreementHistory> store, String agreementId) {
        long now = changes.writes();
        if ((now & 1) != 0) {
            // The global thread is writing: the store decides, and nothing read now is kept.
            return store.get(agreementId);
        }
        if (now != writes) {
            byId.clear();
            writes = now;
        }
        WeakReference<AgreementHistory> ref = byId.get(agreementId);
        AgreementHistory h = ref == null ? null : ref.get();
        if (h != null) {
            return h;
        }
        h = store.get(agreementId);
        if (h != null) {
            if (byId.size() >= maxEntries) {
                byId.clear();
            }
            byId.put(agreementId, new WeakReference<>(h));
        }
        return h;
    }
}
