package dev.surety.ingest.messaging;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.surety.events.EventCodec;
import dev.surety.ingest.service.AgreementHistory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The agreement store's value serde: the version history as JSON, each snapshot as {@link EventCodec} writes it.
 *
 * <p>Every raw record is routed against every agreement in the store, so the same few stored values are read
 * over and over. Decoding them is what dominated ingest's cost per record, so the deserializer remembers the
 * decoded history of recently read byte contents. The store stays the only state: an entry is found only for
 * byte-for-byte the same stored value, and an {@link AgreementHistory} is immutable.
 */
public final class AgreementHistorySerde implements Serde<AgreementHistory> {

    /** Distinct stored values remembered (a few hundred bytes to a few KB each). */
    static final int DECODED_CACHE_SIZE = 4096;

    private final Map<ByteBuffer, AgreementHistory> decoded = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ByteBuffer, AgreementHistory> eldest) {
                    return size() > DECODED_CACHE_SIZE;
                }
            });

    @Override
    public Serializer<AgreementHistory> serializer() {
        return (topic, data) -> data == null ? null : EventCodec.encode(data);
    }

    @Override
    public Deserializer<AgreementHistory> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer key = ByteBuffer.wrap(data);
            AgreementHistory known = decoded.get(key);
            if (known != null) {
                return known;
            }
            AgreementHistory history = EventCodec.decode(data, AgreementHistory.class);
            decoded.put(ByteBuffer.wrap(data.clone()), history);
            return history;
        };
    }
}
