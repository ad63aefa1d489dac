package dev.surety.events;

import java.util.List;
import java.util.Map;

/**
 * The topic catalog: the only place a topic name is spelled. Services refer to a topic through
 * this enum in code, and through the configuration property {@link #configKey()} (supplied by
 * {@link TopicConfigSource}) in {@code application.properties}.
 */
public enum Topic {
    AGREEMENTS("sla.agreements", "agreement id",
            List.of(EventType.AGREEMENT_SNAPSHOT), Cleanup.COMPACT, 3,
            List.of("agreement-service"), List.of("measurement-ingest", "breach-detector", "credit-service")),
    METRICS_RAW("sla.metrics.raw", "source/service (optional)",
            List.of(EventType.RAW_METRIC), Cleanup.DELETE, 6,
            List.of("monitoring agents"), List.of("measurement-ingest")),
    METRICS_DLQ("sla.metrics.dlq", "key of the rejected record",
            List.of(), Cleanup.DELETE, 1,
            List.of("measurement-ingest"), List.of("operators")),
    MEASUREMENTS("sla.measurements", "agreement id/objective id",
            List.of(EventType.MEASUREMENT), Cleanup.DELETE, 6,
            List.of("measurement-ingest"), List.of("breach-detector")),
    BREACHES("sla.breaches", "agreement id/objective id",
            List.of(EventType.BREACH_OPENED, EventType.BREACH_RESOLVED, EventType.NO_DATA_STARTED, EventType.NO_DATA_ENDED),
            Cleanup.DELETE, 3,
            List.of("breach-detector"), List.of("credit-service", "portal", "alerting")),
    COMPLIANCE("sla.compliance", "agreement id/objective id",
            List.of(EventType.COMPLIANCE), Cleanup.DELETE, 3,
            List.of("breach-detector"), List.of("credit-service")),
    CREDITS("sla.credits", "idempotency key (agreement/objective/period start)",
            List.of(EventType.CREDIT_ISSUED, EventType.CREDIT_ADJUSTED), Cleanup.DELETE, 3,
            List.of("credit-service"), List.of("billing"));

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
    private final List<String> producers;
    private final List<String> consumers;

    Topic(String topicName, String key, List<EventType> valueTypes, Cleanup cleanup, int partitions,
          List<String> producers, List<String> consumers) {
        this.topicName = topicName;
        this.key = key;
        this.valueTypes = valueTypes;
        this.cleanup = cleanup;
        this.partitions = partitions;
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

    public List<String> producers() {
        return producers;
    }

    public List<String> consumers() {
        return consumers;
    }

    /** Topic-level configuration to create the topic with. */
    public Map<String, String> topicConfig() {
        return Map.of("cleanup.policy", cleanup.kafkaValue());
    }

    /** Configuration property resolving to this topic's name, e.g. {@code surety.topic.sla-agreements}. */
    public String configKey() {
        return "surety.topic." + topicName.replace('.', '-');
    }
}
