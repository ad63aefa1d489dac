package dev.surety.detector.service;

import dev.surety.detector.AgreementHistory;
import dev.surety.detector.repository.DetectorStoreRepository;
import dev.surety.detector.repository.DetectorStoreRepository.Local;
import dev.surety.detector.repository.DetectorStoreRepository.Location;
import dev.surety.detector.repository.DetectorStoreRepository.Remote;
import dev.surety.detector.repository.PeerStatusClient;
import dev.surety.detector.repository.StatusUnavailableException;
import dev.surety.detector.rest.AgreementStatus;
import dev.surety.detector.rest.HistoryMapper;
import dev.surety.detector.rest.HistoryReport;
import dev.surety.detector.rest.ObjectiveHistory;
import dev.surety.detector.rest.ObjectiveStatus;
import dev.surety.detector.rest.StatusMapper;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.Measurement;
import dev.surety.events.ObjectiveSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Assembles the live status and the period history of an agreement, tenant-scoped. The agreement comes from the global
 * store (the same on every instance); each objective's state lives on the instance owning its
 * key's partition — objectives of one agreement may live on different instances —, so each one is
 * read here or asked of its owner.
 */
@ApplicationScoped
public class StatusService {

    private final DetectorStoreRepository stores;
    private final PeerStatusClient peers;
    private final StatusMapper mapper;
    private final HistoryMapper historyMapper;
    private final Clock clock;
    private final String self;

    StatusService(DetectorStoreRepository stores, PeerStatusClient peers, StatusMapper mapper,
                  HistoryMapper historyMapper, Clock clock,
                  @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> self) {
        this.stores = stores;
        this.peers = peers;
        this.mapper = mapper;
        this.historyMapper = historyMapper;
        this.clock = clock;
        this.self = self.orElse(null);
    }

    /** Who asks, and whether another detector instance sent the request (then it is never forwarded again). */
    public record Caller(Viewer viewer, String bearerToken, boolean forwarded) {
    }

    /**
     * @throws AgreementNotFoundException  unknown agreement, or another tenant's
     * @throws StatusUnavailableException state being restored or rebalanced, or its owner not answering
     */
    public AgreementStatus agreement(String agreementId, Caller caller) {
        long now = clock.millis();
        AgreementHistory history = visible(agreementId, caller.viewer());
        AgreementSnapshot inForce = history.inForce(now);
        List<CompletableFuture<ObjectiveStatus>> parts = new ArrayList<>();
        for (ObjectiveSpec o : inForce.objectives()) {
            parts.add(objective(history, inForce, o, caller, now));
        }
        List<ObjectiveStatus> objectives = new ArrayList<>();
        for (CompletableFuture<ObjectiveStatus> f : parts) {
            objectives.add(join(f));
        }
        return mapper.agreement(inForce, objectives, now);
    }

    /**
     * @throws AgreementNotFoundException  unknown agreement or objective, or another tenant's
     * @throws StatusUnavailableException state being restored or rebalanced, or its owner not answering
     */
    public ObjectiveStatus objective(String agreementId, String objectiveId, Caller caller) {
        long now = clock.millis();
        AgreementHistory history = visible(agreementId, caller.viewer());
        AgreementSnapshot inForce = history.inForce(now);
        ObjectiveSpec o = inForce.objective(objectiveId);
        if (o == null) {
            throw new AgreementNotFoundException(agreementId + "/" + objectiveId);
        }
        return join(objective(history, inForce, o, caller, now));
    }

    /**
     * The current (or previous) period's history of every objective of the version in force, hour by hour.
     *
     * @throws AgreementNotFoundException  unknown agreement, or another tenant's
     * @throws StatusUnavailableException state being restored or rebalanced, or its owner not answering
     */
    public HistoryReport agreementHistory(String agreementId, boolean previous, Caller caller) {
        long now = clock.millis();
        AgreementHistory history = visible(agreementId, caller.viewer());
        AgreementSnapshot inForce = history.inForce(now);
        List<CompletableFuture<ObjectiveHistory>> parts = new ArrayList<>();
        for (ObjectiveSpec o : inForce.objectives()) {
            parts.add(objectiveHistory(history, inForce, o, previous, caller, now));
        }
        List<ObjectiveHistory> objectives = new ArrayList<>();
        for (CompletableFuture<ObjectiveHistory> f : parts) {
            objectives.add(join(f));
        }
        return historyMapper.agreement(inForce, objectives, now);
    }

    /**
     * One objective's period history, as one entry of {@link #agreementHistory}.
     *
     * @throws AgreementNotFoundException  unknown agreement or objective, or another tenant's
     * @throws StatusUnavailableException state being restored or rebalanced, or its owner not answering
     */
    public ObjectiveHistory objectiveHistory(String agreementId, String objectiveId, boolean previous, Caller caller) {
        long now = clock.millis();
        AgreementHistory history = visible(agreementId, caller.viewer());
        AgreementSnapshot inForce = history.inForce(now);
        ObjectiveSpec o = inForce.objective(objectiveId);
        if (o == null) {
            throw new AgreementNotFoundException(agreementId + "/" + objectiveId);
        }
        return join(objectiveHistory(history, inForce, o, previous, caller, now));
    }

    private CompletableFuture<ObjectiveStatus> objective(AgreementHistory history, AgreementSnapshot inForce,
                                                         ObjectiveSpec o, Caller caller, long now) {
        return perObjective(inForce, o, caller,
                (key, partition) -> mapper.objective(history, inForce, o,
                        stores.objective(key, partition).orElse(null), now),
                host -> peers.objective(host, self, inForce.agreementId(), o.objectiveId(), caller.bearerToken()));
    }

    private CompletableFuture<ObjectiveHistory> objectiveHistory(AgreementHistory history, AgreementSnapshot inForce,
                                                                 ObjectiveSpec o, boolean previous, Caller caller,
                                                                 long now) {
        return perObjective(inForce, o, caller,
                (key, partition) -> historyMapper.objective(history, inForce, o,
                        stores.objective(key, partition).orElse(null), stores.history(key, partition), now, previous),
                host -> peers.history(host, self, inForce.agreementId(), o.objectiveId(), previous,
                        caller.bearerToken()));
    }

    /** Reads an objective's state here when this instance owns it, else asks the owner. */
    private <T> CompletableFuture<T> perObjective(AgreementSnapshot inForce, ObjectiveSpec o, Caller caller,
                                                  BiFunction<String, Integer, T> local,
                                                  Function<HostInfo, CompletableFuture<T>> remote) {
        String key = Measurement.key(inForce.agreementId(), o.objectiveId());
        Location where = stores.locate(key);
        if (where instanceof Local here) {
            return CompletableFuture.completedFuture(local.apply(key, here.partition()));
        }
        if (caller.forwarded()) {
            // The sender believed this instance owns the key; ownership is moving: let the client retry.
            throw new StatusUnavailableException("the state of " + key + " is moving between instances", null);
        }
        return remote.apply(((Remote) where).host());
    }

    private AgreementHistory visible(String agreementId, Viewer viewer) {
        return stores.agreement(agreementId)
                .filter(h -> viewer.maySee(h.latest()))
                .orElseThrow(() -> new AgreementNotFoundException(agreementId));
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
