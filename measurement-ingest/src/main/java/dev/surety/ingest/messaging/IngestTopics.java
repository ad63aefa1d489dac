package dev.surety.ingest.messaging;

import dev.surety.events.Topic;

/** Names of the topics the topology reads and writes. */
public record IngestTopics(String agreements, String metricsRaw, String metricsDlq, String measurements) {

    /** The names of the topic catalog, unrenamed. */
    public static IngestTopics catalog() {
        return new IngestTopics(Topic.AGREEMENTS.topicName(), Topic.METRICS_RAW.topicName(),
                Topic.METRICS_DLQ.topicName(), Topic.MEASUREMENTS.topicName());
    }
}
