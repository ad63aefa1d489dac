package dev.surety.detector.streams;

import dev.surety.detector.AgreementHistory;
import dev.surety.events.AgreementSnapshot;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps the global agreements store in step with the compacted agreements topic: per agreement the
 * newest {@code maxVersions} versions (a version seen again replaces its copy); a tombstone deletes
 * the agreement with its history. Every change is announced to the objective processors (their
 * wall-clock schedules look at the agreement's objectives again).
 */
final class AgreementStoreUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(AgreementStoreUpdater.class);

    private final int maxVersions;
    private final AgreementChanges changes;
    private KeyValueStore<String, AgreementHistory> store;

    AgreementStoreUpdater(int maxVersions, AgreementChanges changes) {
        this.maxVersions = maxVersions;
        this.changes = changes;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(DetectorTopology.AGREEMENTS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            LOG.warn("agreement snapshot without key ignored");
            return;
        }
        if (record.value() == null) {
            store.delete(key);
            changes.changed(key);
            return;
        }
        AgreementSnapshot snapshot = AgreementSnapshotSerde.decodeOrNull(record.value());
        if (snapshot == null) {
            return;
        }
        if (!key.equals(snapshot.agreementId())) {
            LOG.warnf("agreement snapshot keyed %s names agreement %s; ignored", key, snapshot.agreementId());
            return;
        }
        AgreementHistory current = store.get(key);
        store.put(key, current == null ? AgreementHistory.of(snapshot) : current.with(snapshot, maxVersions));
        changes.changed(key);
    }
}
