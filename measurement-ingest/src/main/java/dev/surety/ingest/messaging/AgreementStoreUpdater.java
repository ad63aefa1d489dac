package dev.surety.ingest.messaging;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.EventCodec;
import dev.surety.ingest.service.AgreementHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps the global store of agreement version histories in step with the agreements topic. Kafka Streams also runs
 * it while restoring the store at start-up, so a bad snapshot is skipped the same way both times. It must never
 * throw: an exception in the global thread stops the whole application.
 */
final class AgreementStoreUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(AgreementStoreUpdater.class);

    private final String storeName;
    private final int maxVersions;
    private final Duration maxAge;
    private final AgreementStoreChanges changes;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, AgreementHistory> store;

    AgreementStoreUpdater(String storeName, int maxVersions, Duration maxAge, AgreementStoreChanges changes) {
        this.storeName = storeName;
        this.changes = changes;
        this.maxVersions = maxVersions;
        this.maxAge = maxAge;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            LOG.warn("Skipping an agreement record without a key");
            return;
        }
        if (record.value() == null) {
            store.delete(key);
            changes.changed();
            return;
        }
        AgreementSnapshot snapshot;
        try {
            snapshot = EventCodec.decode(record.value(), AgreementSnapshot.class);
        } catch (RuntimeException e) {
            LOG.warnf("Skipping unreadable snapshot of agreement %s: %s", key, e.getMessage());
            return;
        }
        if (snapshot == null || !key.equals(snapshot.agreementId())) {
            LOG.warnf("Skipping snapshot under key %s: it names agreement %s", key,
                    snapshot == null ? null : snapshot.agreementId());
            return;
        }
        AgreementHistory current = store.get(key);
        if (current == null) {
            current = new AgreementHistory(List.of());
        }
        // An older version arriving late (a replay) joins the history; it only decides samples of its own time.
        Instant horizon = Instant.ofEpochMilli(context.currentSystemTimeMs()).minus(maxAge);
        store.put(key, current.with(snapshot, maxVersions, horizon));
        changes.changed();
    }
}
