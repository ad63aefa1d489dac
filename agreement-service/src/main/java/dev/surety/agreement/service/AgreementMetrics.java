package dev.surety.agreement.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Business meters of agreement-service. Registered at startup so that every series exists (at
 * zero) from the first scrape, which keeps rate() and alert expressions well defined.
 */
@Startup
@Singleton
public class AgreementMetrics {

    private final Counter created;
    private final Counter updated;
    private final Counter transitioned;
    private final Counter deleted;
    private final Counter published;
    private final Counter publishFailed;
    private final AtomicLong outboxPending = new AtomicLong();
    private final Counter windowsInTime;
    private final Counter windowsLate;
    private final Counter windowsWithdrawn;

    public AgreementMetrics(MeterRegistry registry) {
        created = Counter.builder("surety.agreements.created")
                .description("Agreements created (counted once their transaction committed)")
                .register(registry);
        updated = Counter.builder("surety.agreements.updated")
                .description("Agreement terms replaced by a new version (counted once committed)")
                .register(registry);
        transitioned = Counter.builder("surety.agreements.transitioned")
                .description("Agreement lifecycle transitions (counted once committed)")
                .register(registry);
        deleted = Counter.builder("surety.agreements.deleted")
                .description("Draft agreements deleted (counted once committed)")
                .register(registry);
        published = Counter.builder("surety.agreements.published")
                .description("Agreement events the broker acknowledged (a re-sent event counts again)")
                .register(registry);
        publishFailed = Counter.builder("surety.agreements.publish.failed")
                .description("Relay passes that stopped because the broker did not acknowledge an event")
                .register(registry);
        windowsInTime = windowCounter(registry, true);
        windowsLate = windowCounter(registry, false);
        windowsWithdrawn = Counter.builder("surety.maintenance_windows.withdrawn")
                .description("Maintenance windows removed through the sub-resource (counted once committed)")
                .register(registry);
        Gauge.builder("surety.outbox.pending", outboxPending, AtomicLong::get)
                .description("Agreement events in the outbox not yet acknowledged by the broker")
                .register(registry);
    }

    private static Counter windowCounter(MeterRegistry registry, boolean excludable) {
        return Counter.builder("surety.maintenance_windows.announced")
                .description("Maintenance windows announced through the sub-resource (counted once committed);"
                        + " excludable=false: announced later than the minimum notice")
                .tag("excludable", Boolean.toString(excludable))
                .register(registry);
    }

    /** A window was announced through the sub-resource; a late one is counted apart. */
    public void windowAnnounced(boolean excludable) {
        (excludable ? windowsInTime : windowsLate).increment();
    }

    public void windowWithdrawn() {
        windowsWithdrawn.increment();
    }

    public void agreementCreated() {
        created.increment();
    }

    public void agreementUpdated() {
        updated.increment();
    }

    public void agreementTransitioned() {
        transitioned.increment();
    }

    public void agreementDeleted() {
        deleted.increment();
    }

    public void eventsPublished(int count) {
        published.increment(count);
    }

    public void publishFailed() {
        publishFailed.increment();
    }

    /** Sets the number of events waiting in the outbox. */
    public void outboxPending(long count) {
        outboxPending.set(count);
    }
}
