package dev.surety.ingest.messaging;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.EventCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The agreement store's value serde: the snapshot's JSON exactly as {@link EventCodec} writes it. */
public final class AgreementSnapshotSerde implements Serde<AgreementSnapshot> {

    @Override
    public Serializer<AgreementSnapshot> serializer() {
        return (topic, data) -> data == null ? null : EventCodec.encode(data);
    }

    @Override
    public Deserializer<AgreementSnapshot> deserializer() {
        return (topic, data) -> data == null ? null : EventCodec.decode(data, AgreementSnapshot.class);
    }
}
