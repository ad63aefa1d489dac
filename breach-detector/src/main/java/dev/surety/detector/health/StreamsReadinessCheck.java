package dev.surety.detector.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Kafka Streams is processing (RUNNING or briefly REBALANCING): before that the
 * state stores behind the status endpoint cannot be queried and no breach is being detected.
 */
@Readiness
@ApplicationScoped
public class StreamsReadinessCheck implements HealthCheck {

    private final KafkaStreams streams;

    StreamsReadinessCheck(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        return HealthCheckResponse.named("breach-detector-streams").status(up).withData("state", state.name()).build();
    }
}
