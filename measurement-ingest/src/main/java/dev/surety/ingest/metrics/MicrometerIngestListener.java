package dev.surety.ingest.metrics;

import dev.surety.ingest.messaging.IngestListener;
import dev.surety.ingest.service.RejectionCategory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * The business counters of measurement-ingest, fed by the topology. Created at startup so that
 * every series is scraped (at zero) before the first record arrives, keeping rate() and alerts
 * well defined.
 */
@Startup
@ApplicationScoped
public class MicrometerIngestListener implements IngestListener {

    private final Counter received;
    private final Counter produced;
    private final Counter unmatched;
    private final Counter excluded;
    private final Counter duplicates;
    private final Map<RejectionCategory, Counter> deadLettered = new EnumMap<>(RejectionCategory.class);

    public MicrometerIngestListener(MeterRegistry registry) {
        received = Counter.builder("surety.metrics.received")
                .description("Raw metric records read from the raw-metrics topic")
                .register(registry);
        produced = Counter.builder("surety.measurements.produced")
                .description("Measurements produced, one per sample and matching objective")
                .register(registry);
        unmatched = Counter.builder("surety.metrics.unmatched")
                .description("Valid samples that matched no objective of any agreement in force")
                .register(registry);
        excluded = Counter.builder("surety.measurements.excluded")
                .description("Measurements not produced because the sample's cause label is excluded by the agreement")
                .register(registry);
        duplicates = Counter.builder("surety.metrics.duplicates")
                .description("Samples dropped because their id was seen within the de-duplication horizon")
                .register(registry);
        // Registered up front so every category shows as 0 before the first rejection.
        for (RejectionCategory c : RejectionCategory.values()) {
            deadLettered.put(c, Counter.builder("surety.metrics.deadlettered")
                    .description("Raw metric records sent to the dead-letter topic")
                    .tag("reason", c.tag())
                    .register(registry));
        }
    }

    @Override
    public void received() {
        received.increment();
    }

    @Override
    public void produced(int count) {
        produced.increment(count);
    }

    @Override
    public void unmatched(int count) {
        unmatched.increment(count);
    }

    @Override
    public void deadLettered(RejectionCategory category) {
        deadLettered.get(category).increment();
    }

    @Override
    public void excluded(int count) {
        excluded.increment(count);
    }

    @Override
    public void duplicates(int count) {
        duplicates.increment(count);
    }
}
