package dev.surety.detector.streams;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.EventCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.jboss.logging.Logger;

/**
 * JSON serde of agreement snapshots in the global store: the same encoding as the agreements
 * topic, so a store restored byte-for-byte from the topic reads back the same. A value that does
 * not decode reads as absent instead of stopping the stream.
 */
public final class AgreementSnapshotSerde {

    private static final Logger LOG = Logger.getLogger(AgreementSnapshotSerde.class);

    private AgreementSnapshotSerde() {
    }

    public static Serde<AgreementSnapshot> create() {
        Serializer<AgreementSnapshot> ser = (topic, a) -> a == null ? null : EventCodec.encode(a);
        Deserializer<AgreementSnapshot> de = (topic, b) -> b == null ? null : decodeOrNull(b);
        return Serdes.serdeFrom(ser, de);
    }

    static AgreementSnapshot decodeOrNull(byte[] data) {
        try {
            return EventCodec.decode(data, AgreementSnapshot.class);
        } catch (IllegalArgumentException e) {
            LOG.warnf("unreadable agreement snapshot ignored: %s", e.getMessage());
            return null;
        }
    }
}
