package dev.surety.detector.streams;

import dev.surety.detector.config.DetectorConfig;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands Quarkus the detector topology, built from configuration. */
@ApplicationScoped
public class TopologyProducer {

    private final TopologySettings settings;
    private final DetectorMetrics metrics;

    TopologyProducer(DetectorConfig config, DetectorMetrics metrics,
                     @ConfigProperty(name = "surety.topic.sla-measurements") String measurements,
                     @ConfigProperty(name = "surety.topic.sla-agreements") String agreements,
                     @ConfigProperty(name = "surety.topic.sla-breaches") String breaches,
                     @ConfigProperty(name = "surety.topic.sla-compliance") String compliance) {
        // The bean itself, not its client proxy: the stream threads count every record.
        this.metrics = ClientProxy.unwrap(metrics);
        this.settings = new TopologySettings(measurements, agreements, breaches, compliance, config);
    }

    @Produces
    public Topology topology() {
        return DetectorTopology.build(settings, metrics);
    }
}
