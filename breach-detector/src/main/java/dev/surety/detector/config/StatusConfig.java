package dev.surety.detector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Serving the live status across detector instances ({@code surety.status.*}). This instance's own
 * address is Kafka Streams' {@code application.server} ({@code quarkus.kafka-streams.application-server}).
 */
@ConfigMapping(prefix = "surety.status")
public interface StatusConfig {

    /** How long a status request waits for the detector instance that owns an objective's state. */
    @WithDefault("PT5S")
    Duration forwardTimeout();

    /** Seconds a client is told to wait (Retry-After) when the state is being restored or rebalanced. */
    @WithDefault("5")
    int retryAfterSeconds();
}
