package dev.surety.agreement.messaging;

import dev.surety.agreement.config.AgreementServiceConfig;
import dev.surety.agreement.service.AgreementMetrics;
import dev.surety.agreement.service.OutboxService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Drives the outbox. Relay passes run on the event loop, never blocking it: one every
 * {@code surety.agreement.outbox.relay-interval} (250 ms; Quarkus' scheduler cannot tick faster
 * than a second, hence a Vert.x timer), and one as soon as this instance commits a change. A pass
 * never overlaps the previous one: a trigger while a pass runs makes exactly one more pass follow
 * it, as does a full batch. Also refreshes the backlog gauge and purges old published events.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxService outbox;
    private final AgreementMetrics metrics;
    private final AgreementServiceConfig config;
    private final Vertx vertx;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private long timerId = -1;

    public OutboxRelay(OutboxService outbox, AgreementMetrics metrics, AgreementServiceConfig config, Vertx vertx) {
        this.outbox = outbox;
        this.metrics = metrics;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.outbox().relayInterval().toMillis(), id -> wakeUp());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(timerId);
    }

    /** Asks for a relay pass now, or right after the one in progress. */
    public void wakeUp() {
        if (stopped) {
            return;
        }
        if (running.compareAndSet(false, true)) {
            runPass();
        } else {
            again.set(true);
        }
    }

    private void runPass() {
        // Each pass gets its own duplicated context, marked safe: the reactive session of its
        // transaction lives there, isolated from every other pass and request.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Uni.createFrom().deferred(outbox::publishPending).subscribe().with(
                published -> {
                    // Counted after the commit: only events now marked published.
                    metrics.eventsPublished(published);
                    passDone(published >= config.outbox().batchSize());
                },
                failure -> {
                    LOG.warnf("outbox relay pass failed: %s", failure.toString());
                    passDone(false);
                }));
    }

    private void passDone(boolean moreWaiting) {
        running.set(false);
        if (again.getAndSet(false) || moreWaiting) {
            wakeUp();
        }
    }

    @Scheduled(identity = "agreement-outbox-backlog", every = "${surety.agreement.outbox.backlog-interval}",
            concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> measureBacklog() {
        return outbox.countPending()
                .invoke(metrics::outboxPending)
                .onFailure().invoke(e -> LOG.debugf("outbox backlog query failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(identity = "agreement-outbox-purge", every = "${surety.agreement.outbox.purge-interval}",
            concurrentExecution = ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return outbox.purgePublished()
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("outbox: purged %d published events past retention", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("outbox purge failed: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
