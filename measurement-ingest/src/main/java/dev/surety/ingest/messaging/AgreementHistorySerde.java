package dev.surety.ingest.messaging;

import dev.surety.events.EventCodec;
import dev.surety.ingest.service.AgreementHistory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The agreement store's value serde: the version history as JSON, each snapshot as {@link EventCodec} writes it. */
public final class AgreementHistorySerde implements Serde<AgreementHistory> {

    @Override
    public Serializer<AgreementHistory> serializer() {
        return (topic, data) -> data == null ? null : EventCodec.encode(data);
    }

    @Override
    public Deserializer<AgreementHistory> deserializer() {
        return (topic, data) -> data == null ? null : EventCodec.decode(data, AgreementHistory.class);
    }
}
