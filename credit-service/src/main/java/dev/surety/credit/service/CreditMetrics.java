package dev.surety.credit.service;

import dev.surety.credit.CreditState;
import dev.surety.events.ComplianceStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Business counters (Prometheus: {@code surety_<noun>_<verb>_total}). */
// Created at startup so every series is scraped at zero before the first event.
@Startup
@ApplicationScoped
public class CreditMetrics {

    private final MeterRegistry registry;

    public CreditMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Series that alerts and dashboards rely on exist at zero from the first scrape.
        for (CreditState state : new CreditState[] {CreditState.ISSUED, CreditState.ENTITLED,
                CreditState.BELOW_MINIMUM}) {
            Counter.builder("surety.credits.issued").description("Credits written to the ledger")
                    .tag("state", state.name()).register(registry);
        }
        for (ComplianceStatus status : ComplianceStatus.values()) {
            Counter.builder("surety.compliance.received").description("Compliance records received")
                    .tag("status", status.name()).register(registry);
        }
        Counter.builder("surety.agreements.received").description("Agreement versions stored").register(registry);
        Counter.builder("surety.credits.published").description("Credit events published to the credits topic")
                .register(registry);
        Counter.builder("surety.credits.applied").description("Credits billing acknowledged as applied")
                .register(registry);
        Counter.builder("surety.credits.adjusted").description("Published credits adjusted after late data")
                .register(registry);
        Counter.builder("surety.claims.accepted").description("Customer claims that issued a credit")
                .register(registry);
    }

    /** Late data changed the amount of a published credit (a CreditAdjusted was committed). */
    public void creditAdjusted() {
        Counter.builder("surety.credits.adjusted").description("Published credits adjusted after late data")
                .register(registry).increment();
    }

    /** A customer's claim issued an ENTITLED credit (committed; repeats of the same claim are not counted). */
    public void claimAccepted() {
        Counter.builder("surety.claims.accepted").description("Customer claims that issued a credit")
                .register(registry).increment();
    }

    /** Billing acknowledged an ISSUED credit as applied (the transition, not the idempotent repeats). */
    public void creditApplied() {
        Counter.builder("surety.credits.applied").description("Credits billing acknowledged as applied")
                .register(registry).increment();
    }

    /** A decodable compliance record was delivered (redeliveries included). */
    public void complianceReceived(String status) {
        Counter.builder("surety.compliance.received").description("Compliance records received")
                .tag("status", status).register(registry).increment();
    }

    /** A compliance record was skipped because it cannot be processed (poison). */
    public void complianceRejected(String reason) {
        Counter.builder("surety.compliance.rejected").description("Compliance records skipped as unprocessable")
                .tag("reason", reason).register(registry).increment();
    }

    /** A new agreement version was stored. */
    public void agreementReceived() {
        Counter.builder("surety.agreements.received").description("Agreement versions stored")
                .register(registry).increment();
    }

    /** An agreement record was skipped because it cannot be processed (poison). */
    public void agreementRejected(String reason) {
        Counter.builder("surety.agreements.rejected").description("Agreement records skipped as unprocessable")
                .tag("reason", reason).register(registry).increment();
    }

    /** A credit was written to the ledger (committed). */
    public void creditIssued(CreditState state) {
        Counter.builder("surety.credits.issued").description("Credits written to the ledger")
                .tag("state", state.name()).register(registry).increment();
    }

    /** Credit events the broker acknowledged and the outbox marked published. */
    public void creditsPublished(int count) {
        Counter.builder("surety.credits.published").description("Credit events published to the credits topic")
                .register(registry).increment(count);
    }
}
