package dev.surety.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.quarkus.runtime.configuration.MemorySize;
import java.time.Duration;

/** Tunables of raw-metric validation and routing. */
@ConfigMapping(prefix = "surety.ingest")
public interface IngestConfig {

    /**
     * How far a sample's timestamp may lie ahead of this service's clock before the sample is
     * rejected; absorbs clock skew between agents and Surety.
     */
    @WithDefault("PT5M")
    Duration maxFutureSkew();

    /** HTTP ingestion ({@code POST /v1/metrics}). */
    Http http();

    /** Tunables of {@code POST /v1/metrics}. */
    interface Http {

        /** Largest request body accepted, in bytes (suffixes K, M allowed); larger bodies get 413. */
        @WithDefault("1M")
        MemorySize maxPayloadSize();

        /**
         * Brokers the HTTP endpoint writes accepted payloads to; the service's brokers unless an
         * operator routes HTTP writes through another listener.
         */
        @WithDefault("${kafka.bootstrap.servers}")
        String bootstrapServers();

        /**
         * How long a request waits for the broker to acknowledge its write (acks=all) before it is
         * answered 503; it also bounds how long a send may block waiting for topic metadata.
         */
        @WithDefault("PT5S")
        Duration ackTimeout();

        /** Seconds announced in Retry-After when the broker did not acknowledge in time. */
        @WithDefault("5")
        int retryAfterSeconds();
    }
}
