package dev.surety.detector.streams;

import dev.surety.events.AgreementSnapshot;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps the global agreements store equal to the compacted agreements topic: a snapshot replaces
 * the previous one of its agreement unless it is older; a tombstone deletes it.
 */
final class AgreementStoreUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(AgreementStoreUpdater.class);

    private KeyValueStore<String, AgreementSnapshot> store;

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
        AgreementSnapshot current = store.get(key);
        if (current != null && current.version() > snapshot.version()) {
            LOG.infof("agreement %s version %d older than stored %d; ignored", key, snapshot.version(),
                    current.version());
            return;
        }
        store.put(key, snapshot);
    }
}
