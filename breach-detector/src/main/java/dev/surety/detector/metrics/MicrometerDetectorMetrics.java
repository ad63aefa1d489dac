package dev.surety.detector.metrics;

import dev.surety.detector.streams.DetectorMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes the topology's business counters through Micrometer ({@code surety_*_total} in
 * Prometheus). Counters are registered up front so they read 0 before the first event.
 */
// Created at startup so every series is scraped at zero before the first event.
@Startup
@ApplicationScoped
public class MicrometerDetectorMetrics implements DetectorMetrics {

    private final MeterRegistry registry;
    private final Counter processed;
    private final Counter late;
    private final Counter invalid;
    private final Counter duplicate;
    private final Counter opened;
    private final Counter resolved;
    private final Counter finalized;
    private final Counter provisional;
    private final Counter excluded;
    private final Counter noDataStarted;
    private final Counter noDataEnded;

    MicrometerDetectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.processed = counter("surety.measurements.processed", "Measurements applied to a window and period");
        this.late = counter("surety.measurements.late", "Measurements for a period already final, not applied");
        this.invalid = counter("surety.measurements.invalid", "Unreadable or contract-breaking measurements");
        this.duplicate = counter("surety.measurements.duplicate", "Redelivered measurements dropped by id");
        this.opened = counter("surety.breaches.opened", "Breaches opened");
        this.resolved = counter("surety.breaches.resolved", "Breaches resolved");
        this.finalized = counter("surety.compliance.finalized", "FINAL compliance records emitted");
        this.provisional = counter("surety.compliance.provisional", "PROVISIONAL compliance records emitted");
        this.excluded = counter("surety.measurements.excluded", "Measurements inside excludable maintenance, not counted");
        this.noDataStarted = counter("surety.nodata.started", "Silent sources detected (NoDataStarted)");
        this.noDataEnded = counter("surety.nodata.ended", "Silent sources that reported again (NoDataEnded)");
        Counter.builder("surety.measurements.unknown").tag("reason", "unknown-agreement")
                .description("Measurements skipped: agreement or objective unknown or unjudgeable").register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    @Override
    public void measurementProcessed() {
        processed.increment();
    }

    @Override
    public void measurementLate() {
        late.increment();
    }

    @Override
    public void measurementUnknown(String reason) {
        Counter.builder("surety.measurements.unknown").tag("reason", reason)
                .description("Measurements skipped: agreement or objective unknown or unjudgeable")
                .register(registry).increment();
    }

    @Override
    public void measurementInvalid() {
        invalid.increment();
    }

    @Override
    public void measurementDuplicate() {
        duplicate.increment();
    }

    @Override
    public void breachOpened() {
        opened.increment();
    }

    @Override
    public void breachResolved() {
        resolved.increment();
    }

    @Override
    public void complianceFinalized() {
        finalized.increment();
    }

    @Override
    public void complianceProvisional() {
        provisional.increment();
    }

    @Override
    public void measurementExcluded() {
        excluded.increment();
    }

    @Override
    public void noDataStarted() {
        noDataStarted.increment();
    }

    @Override
    public void noDataEnded() {
        noDataEnded.increment();
    }
}
