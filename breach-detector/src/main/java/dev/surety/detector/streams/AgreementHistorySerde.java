package dev.surety.detector.streams;

import dev.surety.detector.AgreementHistory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.jboss.logging.Logger;

/**
 * Serde of the global agreements store's values: the kept versions of one agreement. A plain
 * snapshot JSON (a store restored byte for byte from the topic) reads as one version; a value that
 * does not decode reads as absent instead of stopping the stream.
 */
public final class AgreementHistorySerde {

    private static final Logger LOG = Logger.getLogger(AgreementHistorySerde.class);

    private AgreementHistorySerde() {
    }

    public static Serde<AgreementHistory> create() {
        Serializer<AgreementHistory> ser = (topic, h) -> h == null ? null : h.encode();
        Deserializer<AgreementHistory> de = (topic, b) -> {
            if (b == null) {
                return null;
            }
            try {
                return AgreementHistory.decode(b);
            } catch (RuntimeException e) {
                LOG.warnf("unreadable agreement history ignored: %s", e.getMessage());
                return null;
            }
        };
        return Serdes.serdeFrom(ser, de);
    }
}
