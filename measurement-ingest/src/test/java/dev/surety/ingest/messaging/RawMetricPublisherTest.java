package dev.surety.ingest.messaging;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.surety.events.Topic;
import dev.surety.ingest.config.IngestConfig;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A write the broker never acknowledges must surface as a failure, never as success. */
class RawMetricPublisherTest {

    @Test
    void unreachableBrokerIsNotAcknowledgedWithinTheTimeout() {
        IngestConfig config = new IngestConfig() {
            @Override
            public Duration maxFutureSkew() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Http http() {
                return new Http() {
                    @Override
                    public MemorySize maxPayloadSize() {
                        return new MemorySize(BigInteger.valueOf(1024));
                    }

                    @Override
                    public String bootstrapServers() {
                        return "localhost:1";
                    }

                    @Override
                    public Duration ackTimeout() {
                        return Duration.ofMillis(500);
                    }

                    @Override
                    public int retryAfterSeconds() {
                        return 5;
                    }
                };
            }
        };
        // Port 1: nothing listens there, so no acknowledgement can ever come.
        RawMetricPublisher publisher = new RawMetricPublisher(Topic.METRICS_RAW.topicName(), config);
        try {
            assertThrows(RawMetricPublisher.NotAcknowledgedException.class, () -> publisher.publish("k",
                    "{}".getBytes(StandardCharsets.UTF_8), "id-1", "/agents/a", "acme", Instant.now()));
        } finally {
            publisher.close(null);
        }
    }
}
