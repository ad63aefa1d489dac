package dev.surety.agreement.service;

import dev.surety.agreement.config.AgreementServiceConfig;
import dev.surety.agreement.messaging.AgreementEventPublisher;
import dev.surety.agreement.repository.OutboxEventEntity;
import dev.surety.agreement.repository.OutboxRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves events from the outbox to Kafka: at-least-once and in commit order.
 *
 * <p>A pass locks the oldest unpublished rows, sends them one after the other, waiting for each
 * acknowledgement, and marks the acknowledged ones published in the same transaction. A crash
 * after a send and before the commit sends that event again on the next pass, under the same
 * {@code ce_id}: consumers deduplicate on it.
 */
@ApplicationScoped
public class OutboxService {

    private static final Logger LOG = Logger.getLogger(OutboxService.class);

    private final OutboxRepository outbox;
    private final AgreementEventPublisher publisher;
    private final AgreementServiceConfig config;
    private final AgreementMetrics metrics;
    private final Clock clock;

    public OutboxService(OutboxRepository outbox, AgreementEventPublisher publisher, AgreementServiceConfig config,
                         AgreementMetrics metrics, Clock clock) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Publishes one batch of pending events.
     *
     * @return how many events the broker acknowledged and are now marked published
     */
    @WithTransaction
    public Uni<Integer> publishPending() {
        return outbox.tryLockRelay().chain(leader -> leader
                ? outbox.lockUnpublished(config.outbox().batchSize()).chain(this::publishInOrder)
                : Uni.createFrom().item(0));
    }

    private Uni<Integer> publishInOrder(List<OutboxEventEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<UUID> acknowledged = new ArrayList<>(rows.size());
        return Multi.createFrom().iterable(rows)
                // One at a time: a later event of an agreement must never overtake an earlier one.
                .onItem().transformToUniAndConcatenate(row -> publisher.publish(row).replaceWith(row.id))
                .onItem().invoke(acknowledged::add)
                .collect().asList()
                .onFailure().recoverWithItem(failure -> {
                    // Stop at the first event the broker did not take; keep what it did take.
                    metrics.publishFailed();
                    LOG.warnf("outbox relay: event %s not acknowledged (%s); %d of %d published, retrying later",
                            rows.get(acknowledged.size()).id, failure.toString(), acknowledged.size(), rows.size());
                    return acknowledged;
                })
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(0)
                        : outbox.markPublished(ids, clock.instant()).replaceWith(ids.size()));
    }

    /** The number of events waiting to be published. */
    @WithSession
    public Uni<Long> countPending() {
        return outbox.countUnpublished();
    }

    /** Deletes published events older than the retention. */
    @WithTransaction
    public Uni<Long> purgePublished() {
        return outbox.purgePublishedBefore(clock.instant().minus(config.outbox().retention()));
    }
}
