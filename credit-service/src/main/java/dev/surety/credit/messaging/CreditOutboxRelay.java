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
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>A run is started right after a transaction that wrote outbox rows commits ({@link #wake}) and,
 * as a safety net for every other writer, every {@code surety.credit.outbox.interval}. Runs never
 * overlap: a wake during a run starts another run right after it. On shutdown the relay stops
 * starting runs and waits for the one in flight, so it never uses the connection pool after the
 * pool was closed. (quarkus-scheduler cannot fire more often than once a second, too slow for a
 * 250 ms relay.)
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
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile long timer = -1;
    private volatile Context context;
    private volatile CompletableFuture<Void> current = CompletableFuture.completedFuture(null);

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
        context = vertx.getOrCreateContext();
        timer = vertx.setPeriodic(config.outbox().interval().toMillis(), id -> wake());
        wake();
    }

    // ShutdownEvent observers run before the datasource and Vert.x are closed
    void stop(@Observes ShutdownEvent ev) {
        stopped = true;
        vertx.cancelTimer(timer);
        try {
            current.get(config.outbox().shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("outbox relay run still going after %s at shutdown; its batch is sent again after restart",
                    config.outbox().shutdownTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // a run never completes exceptionally (relay() recovers); nothing to wait for
        }
    }

    /**
     * Asks for a run now. Callers invoke it after committing outbox rows; if a run is in progress,
     * another one follows it, so rows committed meanwhile are not left to the timer.
     */
    public void wake() {
        requested.set(true);
        Context ctx = context;
        if (ctx == null || stopped || !running.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        current = done;
        ctx.runOnContext(ignored -> {
            // cleared before the run's first query: a wake from now on is seen by this run or the next
            requested.set(false);
            relay().subscribe().with(nothing -> finished(done), e -> finished(done));
        });
    }

    private void finished(CompletableFuture<Void> done) {
        running.set(false);
        done.complete(null);
        if (requested.get()) {
            wake();
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
        return publishBatch(batch).chain(n -> n >= batch && !stopped ? drain() : Uni.createFrom().voidItem());
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
