package dev.surety.detector.repository;

import dev.surety.detector.AgreementHistory;
import dev.surety.detector.Episode;
import dev.surety.detector.HistorySource;
import dev.surety.detector.HourCount;
import dev.surety.detector.ObjectiveState;
import dev.surety.detector.streams.DetectorTopology;
import dev.surety.detector.streams.HistoryStores;
import dev.surety.events.AgreementSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the detector's state stores through Kafka Streams interactive queries. The agreements are
 * a global store, complete on every instance; an objective's state lives only on the instance
 * that owns its key's partition, which {@link #locate} finds from the streams metadata.
 */
@ApplicationScoped
public class DetectorStoreRepository {

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final KafkaStreams streams;
    private final String measurementsTopic;
    private final Optional<HostInfo> self;

    DetectorStoreRepository(KafkaStreams streams,
                            @ConfigProperty(name = "surety.topic.sla-measurements") String measurementsTopic,
                            @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> server) {
        this.streams = streams;
        this.measurementsTopic = measurementsTopic;
        this.self = server.filter(s -> !s.isBlank()).map(HostInfo::buildFromEndpoint);
    }

    /** Where an objective's state lives: here (with its partition) or on another instance. */
    public sealed interface Location permits Local, Remote {
    }

    /** The state is in this instance's stores. */
    public record Local(int partition) implements Location {
    }

    /** Another instance owns the state; {@code host} is its {@code application.server}. */
    public record Remote(HostInfo host) implements Location {
    }

    /** The history of an agreement (its newest versions), from the global store. */
    public Optional<AgreementHistory> agreement(String agreementId) {
        try {
            ReadOnlyKeyValueStore<String, AgreementHistory> store = streams.store(StoreQueryParameters
                    .fromNameAndType(DetectorTopology.AGREEMENTS_STORE, QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(store.get(agreementId));
        } catch (StreamsException | IllegalStateException e) {
            throw new StatusUnavailableException("the agreements store is not queryable now", e);
        }
    }

    /** The newest version of an agreement, from the global store (alerting names and severities). */
    public Optional<AgreementSnapshot> latestAgreement(String agreementId) {
        return agreement(agreementId).map(AgreementHistory::latest);
    }

    /**
     * The instance holding the active copy of an objective's state, keyed {@code agreementId/objectiveId}.
     *
     * @throws StatusUnavailableException while the metadata is unknown (starting, rebalancing)
     */
    public Location locate(String key) {
        KeyQueryMetadata m;
        try {
            m = streams.queryMetadataForKey(DetectorTopology.STATE_STORE, key, KEYS);
        } catch (StreamsException | IllegalStateException e) {
            throw new StatusUnavailableException("the streams metadata is not available now", e);
        }
        if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE) || m.activeHost() == null
                || m.activeHost().equals(HostInfo.unavailable())) {
            throw new StatusUnavailableException("no instance owns " + key + " right now (rebalancing)", null);
        }
        // Ownership is decided by this instance's own active tasks, not by comparing addresses: a
        // configured address may be written differently (or, in tests, name a port rewritten at start).
        if (ownsActive(m.partition())) {
            return new Local(m.partition());
        }
        if (self.isEmpty() || m.activeHost().equals(self.get())) {
            throw new StatusUnavailableException("partition " + m.partition() + " is moving to this instance", null);
        }
        return new Remote(m.activeHost());
    }

    private boolean ownsActive(int partition) {
        TopicPartition tp = new TopicPartition(measurementsTopic, partition);
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                if (task.topicPartitions().contains(tp)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The stored period history of one objective, read lazily from this instance's active store partition. */
    public HistorySource history(String key, int partition) {
        return new HistorySource() {
            @Override
            public NavigableMap<Long, HourCount> hours(long periodStart) {
                return read(DetectorTopology.HISTORY_STORE, partition,
                        (ReadOnlyKeyValueStore<String, HourCount> s) -> HistoryStores.hours(s, key, periodStart));
            }

            @Override
            public List<Episode> episodes() {
                return read(DetectorTopology.EPISODES_STORE, partition,
                        (ReadOnlyKeyValueStore<String, Episode> s) -> HistoryStores.episodes(s, key));
            }
        };
    }

    private <V, R> R read(String name, int partition, Function<ReadOnlyKeyValueStore<String, V>, R> reader) {
        try {
            return reader.apply(streams.store(StoreQueryParameters
                    .fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                    .withPartition(partition)));
        } catch (StreamsException | IllegalStateException e) {
            // Also while scanning: the store may close under the iterator when the partition moves.
            throw new StatusUnavailableException("partition " + partition + " of " + name + " is not queryable here now", e);
        }
    }

    /** The state of one objective from this instance's active store partition. */
    public Optional<ObjectiveState> objective(String key, int partition) {
        try {
            ReadOnlyKeyValueStore<String, ObjectiveState> store = streams.store(StoreQueryParameters
                    .fromNameAndType(DetectorTopology.STATE_STORE, QueryableStoreTypes.<String, ObjectiveState>keyValueStore())
                    .withPartition(partition));
            return Optional.ofNullable(store.get(key));
        } catch (StreamsException | IllegalStateException e) {
            throw new StatusUnavailableException("partition " + partition + " of the objective state is not queryable here now", e);
        }
    }
}
