package dev.surety.events;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topic catalog: the only place a topic name is spelled. Services refer to a topic through
 * this enum in code, and through the configuration property {@link #configKey()} (supplied by
 * {@link TopicConfigSource}) in {@code application.properties}.
 */
public enum Topic {
    AGREEMENTS("sla.agreements", "agreement id",
            List.of(EventType.AGREEMENT_SNAPSHOT), Cleanup.COMPACT, 3, null,
            List.of("agreement-service"), List.of("measurement-ingest", "breach-detector", "credit-service")),
    METRICS_RAW("sla.metrics.raw", "source/service (optional)",
            List.of(EventType.RAW_METRIC), Cleanup.DELETE, 6, Duration.ofDays(7),
            List.of("monitoring agents"), List.of("measurement-ingest")),
    METRICS_DLQ("sla.metrics.dlq", "key of the rejected record",
            List.of(), Cleanup.DELETE, 1, Duration.ofDays(14),
            List.of("measurement-ingest"), List.of("operators")),
    MEASUREMENTS("sla.measurements", "agreement id/objective id",
            List.of(EventType.MEASUREMENT), Cleanup.DELETE, 6, Duration.ofDays(35),
            List.of("measurement-ingest"), List.of("breach-detector")),
    BREACHES("sla.breaches", "agreement id/objective id",
            List.of(EventType.BREACH_OPENED, EventType.BREACH_RESOLVED, EventType.NO_DATA_STARTED, EventType.NO_DATA_ENDED),
            Cleanup.DELETE, 3, Duration.ofDays(90),
            List.of("breach-detector"), List.of("credit-service", "portal", "alerting")),
    COMPLIANCE("sla.compliance", "agreement id/objective id",
            List.of(EventType.COMPLIANCE), Cleanup.DELETE, 3, Duration.ofDays(90),
            List.of("breach-detector"), List.of("credit-service")),
    CREDITS("sla.credits", "idempotency key (agreement/objective/period start)",
            List.of(EventType.CREDIT_ISSUED, EventType.CREDIT_ADJUSTED), Cleanup.DELETE, 3, Duration.ofDays(90),
            List.of("credit-service"), List.of("billing"));

    /**
     * Replicas of every partition in production (three brokers, one per failure domain). The local stack and
     * the test broker have a single broker and create the topics with replication factor 1 themselves.
     */
    public static final int PRODUCTION_REPLICATION_FACTOR = 3;

    /**
     * {@code min.insync.replicas} in production: an {@code acks=all} write survives the loss of one broker, and
     * producers stop (rather than lose data) when two of three replicas are gone. Not part of
     * {@link #topicConfig()}, which a single broker must be able to satisfy.
     */
    public static final int PRODUCTION_MIN_INSYNC_REPLICAS = 2;

    /** Kafka {@code cleanup.policy}. */
    public enum Cleanup {
        DELETE, COMPACT;

        public String kafkaValue() {
            return name().toLowerCase();
        }
    }

    private final String topicName;
    private final String key;
    private final List<EventType> valueTypes;
    private final Cleanup cleanup;
    private final int partitions;
    private final Duration retention;
    private final List<String> producers;
    private final List<String> consumers;

    Topic(String topicName, String key, List<EventType> valueTypes, Cleanup cleanup, int partitions,
          Duration retention, List<String> producers, List<String> consumers) {
        this.topicName = topicName;
        this.key = key;
        this.valueTypes = valueTypes;
        this.cleanup = cleanup;
        this.partitions = partitions;
        this.retention = retention;
        this.producers = producers;
        this.consumers = consumers;
    }

    public String topicName() {
        return topicName;
    }

    /** What the record key holds. */
    public String key() {
        return key;
    }

    /** Event types carried as values; empty for the dead-letter topic, which keeps original bytes. */
    public List<EventType> valueTypes() {
        return valueTypes;
    }

    public Cleanup cleanup() {
        return cleanup;
    }

    public int partitions() {
        return partitions;
    }

    /**
     * How long records are kept ({@code retention.ms}); empty means forever: the compacted agreements topic keeps
     * the newest snapshot of every agreement. docs/events.md gives the reason for each value.
     */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    /** {@link #retention()} as Kafka's {@code retention.ms}: {@code -1} for forever. */
    public long retentionMs() {
        return retention == null ? -1L : retention.toMillis();
    }

    /** Replication factor in production ({@link #PRODUCTION_REPLICATION_FACTOR}). */
    public int replicationFactor() {
        return PRODUCTION_REPLICATION_FACTOR;
    }

    /** {@code min.insync.replicas} in production ({@link #PRODUCTION_MIN_INSYNC_REPLICAS}). */
    public int minInSyncReplicas() {
        return PRODUCTION_MIN_INSYNC_REPLICAS;
    }

    public List<String> producers() {
        return producers;
    }

    public List<String> consumers() {
        return consumers;
    }

    /**
     * Topic-level configuration any broker can satisfy: what the local stack and the test broker create the topic
     * with. Retention is left out on purpose there: tests and demos write records with event timestamps far in the
     * past, which time-based retention would delete under them.
     */
    public Map<String, String> topicConfig() {
        return Map.of("cleanup.policy", cleanup.kafkaValue());
    }

    /**
     * Topic-level configuration in production, in a stable order: {@code cleanup.policy}, {@code retention.ms}
     * and {@code min.insync.replicas}. The Kubernetes KafkaTopics are generated from it.
     */
    public Map<String, String> productionConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("cleanup.policy", cleanup.kafkaValue());
        config.put("retention.ms", Long.toString(retentionMs()));
        config.put("min.insync.replicas", Integer.toString(minInSyncReplicas()));
        return config;
    }

    /** Configuration property resolving to this topic's name, e.g. {@code surety.topic.sla-agreements}. */
    public String configKey() {
        return "surety.topic." + topicName.replace('.', '-');
    }
}
