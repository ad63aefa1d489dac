package dev.surety.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the topology is processing. The extension's own readiness check only sees
 * that the input topics exist; its state check is a liveness check, so a stream that died
 * (ERROR, NOT_RUNNING) would otherwise still be reported ready.
 */
@Readiness
@ApplicationScoped
public class StreamsReadinessCheck implements HealthCheck {

    private final KafkaStreams streams;

    public StreamsReadinessCheck(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        // A rebalance is routine (an instance joined or left); processing resumes by itself.
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        return HealthCheckResponse.named("Kafka Streams processing")
                .status(up)
                .withData("state", state.name())
                .build();
    }
}
