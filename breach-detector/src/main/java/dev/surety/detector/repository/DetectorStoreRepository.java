package dev.surety.detector.repository;

import dev.surety.detector.AgreementHistory;
import dev.surety.detector.ObjectiveState;
import dev.surety.detector.streams.DetectorTopology;
import dev.surety.events.AgreementSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the detector's state stores through Kafka Streams interactive queries. This slice runs a
 * single instance, so every objective's state is local; with several instances a key held by
 * another instance would have to be fetched from it (KafkaStreams#queryMetadataForKey).
 */
@ApplicationScoped
public class DetectorStoreRepository {

    private final KafkaStreams streams;

    DetectorStoreRepository(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The latest snapshot of an agreement, from the global store. */
    public Optional<AgreementSnapshot> agreement(String agreementId) {
        return this.<AgreementHistory>query(DetectorTopology.AGREEMENTS_STORE, s -> s.get(agreementId))
                .map(AgreementHistory::latest);
    }

    /** The state of one objective, keyed {@code agreementId/objectiveId}. */
    public Optional<ObjectiveState> objective(String key) {
        return query(DetectorTopology.STATE_STORE, (ReadOnlyKeyValueStore<String, ObjectiveState> s) -> s.get(key));
    }

    private <V> Optional<V> query(String storeName, Function<ReadOnlyKeyValueStore<String, V>, V> read) {
        try {
            ReadOnlyKeyValueStore<String, V> store =
                    streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(read.apply(store));
        } catch (InvalidStateStoreException e) {
            throw new StatusUnavailableException("state store " + storeName + " is not queryable now", e);
        }
    }
}
