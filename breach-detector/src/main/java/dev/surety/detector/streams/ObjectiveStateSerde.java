package dev.surety.detector.streams;

import dev.surety.detector.ObjectiveState;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Binary serde of {@link ObjectiveState} for the state store and its changelog. */
public final class ObjectiveStateSerde {

    private ObjectiveStateSerde() {
    }

    public static Serde<ObjectiveState> create() {
        Serializer<ObjectiveState> ser = (topic, s) -> s == null ? null : s.encode();
        Deserializer<ObjectiveState> de = (topic, b) -> b == null ? null : ObjectiveState.decode(b);
        return Serdes.serdeFrom(ser, de);
    }
}
