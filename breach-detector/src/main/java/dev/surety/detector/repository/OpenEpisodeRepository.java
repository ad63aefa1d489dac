package dev.surety.detector.repository;

import dev.surety.detector.BucketedWindow;
import dev.surety.detector.ObjectiveState;
import dev.surety.detector.alerting.WindowFigures;
import dev.surety.detector.streams.DetectorTopology;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Lists what is open right now according to the detector's own state (open breaches per rule and
 * running silent episodes), by scanning the local {@code objective-state} store. Each instance
 * sees the partitions it is active for, so across instances every open episode is listed once.
 */
@ApplicationScoped
public class OpenEpisodeRepository {

    /**
     * One open episode.
     *
     * @param rule null for a silent episode; empty for the threshold rule; else the burn-rate rule's name
     * @param id   the breach id or the no-data episode id
     * @param since openedAt of a breach; detectedAt of a silent episode
     * @param lastDataAt of a silent episode, else null
     * @param window     the threshold rule's window as it stands (null before the first measurement)
     */
    public record OpenEpisode(String agreementId, String objectiveId, String rule, String id, Instant since,
                              Instant lastDataAt, WindowFigures window) {

        public boolean noData() {
            return rule == null;
        }
    }

    private final KafkaStreams streams;

    OpenEpisodeRepository(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Every open episode of the local partitions; throws {@link StatusUnavailableException} while the store is not readable. */
    public List<OpenEpisode> openEpisodes() {
        List<OpenEpisode> open = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, ObjectiveState> store = streams.store(StoreQueryParameters
                    .fromNameAndType(DetectorTopology.STATE_STORE, QueryableStoreTypes.keyValueStore()));
            try (KeyValueIterator<String, ObjectiveState> all = store.all()) {
                while (all.hasNext()) {
                    KeyValue<String, ObjectiveState> next = all.next();
                    if (next.value != null) {
                        collect(next.value, open);
                    }
                }
            }
        } catch (InvalidStateStoreException | IllegalStateException e) {
            // IllegalStateException: Kafka Streams is not running (starting up or shutting down).
            throw new StatusUnavailableException("state store " + DetectorTopology.STATE_STORE + " is not queryable now", e);
        }
        return open;
    }

    static void collect(ObjectiveState state, List<OpenEpisode> open) {
        BucketedWindow w = state.window();
        WindowFigures figures = w == null ? null : new WindowFigures(w.good(), w.total(), w.goodSlices(), w.dataSlices());
        for (Map.Entry<String, ObjectiveState.Rule> rule : state.rules().entrySet()) {
            ObjectiveState.Rule r = rule.getValue();
            if (r.breachId() != null && r.openedAt() != ObjectiveState.NONE) {
                open.add(new OpenEpisode(state.agreementId(), state.objectiveId(), rule.getKey(), r.breachId(),
                        Instant.ofEpochMilli(r.openedAt()), null, figures));
            }
        }
        ObjectiveState.NoData silent = state.noData();
        if (silent != null && silent.episodeId() != null) {
            open.add(new OpenEpisode(state.agreementId(), state.objectiveId(), null, silent.episodeId(),
                    Instant.ofEpochMilli(silent.detectedAt()), Instant.ofEpochMilli(silent.lastDataAt()), figures));
        }
    }
}
