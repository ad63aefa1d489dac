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
            public Duration maxAge() {
                return Duration.ofDays(7);
            }

            @Override
            public Duration dedupHorizon() {
                return Duration.ofMinutes(10);
            }

            @Override
            public MemorySize maxRecordSize() {
                return new MemorySize(BigInteger.valueOf(1024));
            }

            @Override
            public int agreementVersionsKept() {
                return 20;
            }

            @Override
            public java.util.Optional<String> defaultService() {
                return java.util.Optional.empty();
            }

            @Override
            public Influx influx() {
                throw new UnsupportedOperationException("not used by the publisher");
            }

            @Override
            public Prometheus prometheus() {
                throw new UnsupportedOperationException("not used by the publisher");
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

                    @Override
                    public int maxInFlightRequests() {
                        return 1;
                    }

                    @Override
                    public MemorySize maxInFlightBytes() {
                        return new MemorySize(BigInteger.valueOf(1024));
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
