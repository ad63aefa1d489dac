package dev.surety.credit.messaging;

import dev.surety.credit.config.CreditConfig;
import dev.surety.credit.repository.OutboxEvent;
import dev.surety.credit.repository.OutboxRepository;
import dev.surety.credit.service.CreditMetrics;
import dev.surety.events.CloudEvents;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to the credits topic in outbox order: lock a batch (FOR UPDATE SKIP LOCKED),
 * send every event, wait for the broker's acknowledgements (acks=all), mark the batch published,
 * commit. If anything fails the transaction rolls back and the batch is sent again on the next run,
 * so delivery is at least once; the event id and key are the same on every send, which is what
 * consumers deduplicate on.
 *
 * <p>Runs as a non-blocking loop on a Vert.x timer: a run drains the outbox, then the next run is
 * armed {@code surety.credit.outbox.interval} later, so two runs never overlap. (quarkus-scheduler
 * cannot fire more often than once a second, too slow for a 250 ms relay.)
 */
@ApplicationScoped
public class CreditOutboxRelay {

    private static final Logger LOG = Logger.getLogger(CreditOutboxRelay.class);

    private final Pool pool;
    private final OutboxRepository outbox;
    private final MutinyEmitter<byte[]> credits;
    private final CreditMetrics metrics;
    private final CreditConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private volatile boolean stopped;
    private volatile long timer = -1;

    public CreditOutboxRelay(Pool pool, OutboxRepository outbox,
                             @Channel("credits") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                             MutinyEmitter<byte[]> credits,
                             CreditMetrics metrics, CreditConfig config, Clock clock, Vertx vertx) {
        this.pool = pool;
        this.outbox = outbox;
        this.credits = credits;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    // after SmallRye Reactive Messaging has wired the emitter (it observes StartupEvent earlier)
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent ev) {
        arm();
    }

    void stop(@Observes ShutdownEvent ev) {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    private void arm() {
        if (!stopped) {
            timer = vertx.setTimer(config.outbox().interval().toMillis(), id -> relay()
                    .subscribe().with(ignored -> arm(), e -> arm()));
        }
    }

    /** One run: drain the outbox; a failed run is logged and the next run sends the batch again. */
    Uni<Void> relay() {
        return drain().onFailure().recoverWithUni(e -> {
            if (!stopped) {
                LOG.warnf("outbox relay run failed, the batch will be sent again: %s", e.toString());
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** Publishes batches until the outbox has no unpublished row left. */
    Uni<Void> drain() {
        int batch = config.outbox().batchSize();
        return publishBatch(batch).chain(n -> n >= batch ? drain() : Uni.createFrom().voidItem());
    }

    private Uni<Integer> publishBatch(int batch) {
        return pool.withTransaction(c -> outbox.lockUnpublished(c, batch).chain(events -> {
                    if (events.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Void>> sends = events.stream().map(this::send).toList();
                    // idempotent producer, in-flight <= 5: per partition the broker keeps send order
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> outbox.markPublished(c, events.stream().map(OutboxEvent::seq).toList(),
                                    clock.instant()))
                            .replaceWith(events.size());
                }))
                .invoke(n -> {
                    if (n > 0) {
                        metrics.creditsPublished(n);
                    }
                });
    }

    private Uni<Void> send(OutboxEvent e) {
        RecordHeaders headers = new RecordHeaders();
        CloudEvents.write(headers, e.type(), e.eventId().toString(), config.eventSource(), e.occurredAt(), e.subject());
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(e.key())
                .withHeaders(headers)
                .build();
        return credits.sendMessage(Message.of(e.payload()).addMetadata(meta));
    }
}
