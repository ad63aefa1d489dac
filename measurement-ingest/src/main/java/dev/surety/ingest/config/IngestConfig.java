package dev.surety.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.quarkus.runtime.configuration.MemorySize;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Tunables of raw-metric validation and routing. */
@ConfigMapping(prefix = "surety.ingest")
public interface IngestConfig {

    /**
     * How far a sample's timestamp may lie ahead of this service's clock before the sample is
     * rejected; absorbs clock skew between agents and Surety.
     */
    @WithDefault("PT5M")
    Duration maxFutureSkew();

    /**
     * How far a sample's timestamp may lie behind this service's clock: the retention horizon, beyond which
     * windows and compliance periods downstream no longer take samples.
     */
    @WithDefault("P7D")
    Duration maxAge();

    /**
     * How long the id of a sample (Surety JSON {@code id}) is remembered on the Kafka path: a sample with an id seen
     * within this horizon is dropped as a duplicate. {@code PT0S} turns de-duplication off.
     */
    @WithDefault("PT10M")
    Duration dedupHorizon();

    /** Largest raw record value the topology reads, in bytes (K, M suffixes); larger records are dead-lettered. */
    @WithDefault("1M")
    MemorySize maxRecordSize();

    /** How many versions of each agreement are kept to route samples by the version in force at their time. */
    @WithDefault("20")
    int agreementVersionsKept();

    /**
     * Service of samples that name none (no {@code service} tag in line protocol, no service label in remote write,
     * no {@code meta.service} in collectd). Unset: such line-protocol and remote-write samples are invalid, and
     * collectd samples use their host.
     */
    Optional<String> defaultService();

    /** InfluxDB line protocol mapping. */
    Influx influx();

    /** Prometheus remote write mapping. */
    Prometheus prometheus();

    /** HTTP ingestion ({@code POST /v1/metrics}). */
    Http http();

    /** How line-protocol points become samples. */
    interface Influx {

        /** The tag naming the service. */
        @WithDefault("service")
        String serviceTag();

        /** The tag naming the source (when absent: the agent's token subject on HTTP). */
        @WithDefault("host")
        String sourceTag();

        /** The field counting good events; with the total field it makes one counted sample. */
        @WithDefault("good")
        String goodField();

        /** The field counting all events. */
        @WithDefault("total")
        String totalField();
    }

    /** How remote-write series become samples. */
    interface Prometheus {

        /** Labels naming the service; the first one present wins (and all of them are left out of the labels). */
        @WithDefault("service,job")
        List<String> serviceLabels();

        /** Largest snappy-decompressed remote-write body, bytes (K, M suffixes). */
        @WithDefault("32M")
        MemorySize maxDecompressedSize();
    }

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

        /** Seconds announced in Retry-After when the broker did not acknowledge in time, or the budget is spent. */
        @WithDefault("5")
        int retryAfterSeconds();

        /** Requests that may wait for the broker at the same time; more get 429 (remote write: 503). */
        @WithDefault("64")
        int maxInFlightRequests();

        /** Body bytes that may wait for the broker at the same time (K, M suffixes); more get 429 (remote write: 503). */
        @WithDefault("64M")
        MemorySize maxInFlightBytes();
    }
}
