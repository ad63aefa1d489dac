package dev.surety.detector.metrics;

import dev.surety.detector.streams.DetectorMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes the topology's business counters through Micrometer ({@code surety_*_total} in
 * Prometheus). Counters are registered up front so they read 0 before the first event.
 */
// Created at startup so every series is scraped at zero before the first event.
@Startup
@ApplicationScoped
public class MicrometerDetectorMetrics implements DetectorMetrics {

    private final MeterRegistry registry;
    private final LongAdder processed;
    private final LongAdder late;
    private final LongAdder invalid;
    private final LongAdder duplicate;
    private final LongAdder opened;
    private final LongAdder resolved;
    private final LongAdder finalized;
    private final LongAdder provisional;
    private final LongAdder excluded;
    private final LongAdder noDataStarted;
    private final LongAdder noDataEnded;

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

    /**
     * A counter the stream threads add to with a plain {@link LongAdder} (Micrometer reads it when scraped):
     * a registered counter's increment goes through the composite registry to each child on every record.
     */
    private LongAdder counter(String name, String description) {
        LongAdder count = new LongAdder();
        FunctionCounter.builder(name, count, LongAdder::doubleValue).description(description).register(registry);
        return count;
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
