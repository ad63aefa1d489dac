package dev.surety.detector.streams;

import dev.surety.events.Topic;
import java.time.Duration;

/**
 * What the topology needs to be built: topic names (from the catalog, renameable by config) and
 * the detector's timing settings.
 */
public record TopologySettings(
        String measurementsTopic,
        String agreementsTopic,
        String breachesTopic,
        String complianceTopic,
        Duration grace,
        Duration punctuateInterval,
        Duration minBucketSize,
        int bucketsPerWindow,
        Duration dedupRetention,
        Duration provisionalInterval,
        int agreementVersions) {

    /** The catalog's topic names with the given timing settings. */
    public static TopologySettings withCatalogTopics(Duration grace, Duration punctuateInterval,
                                                     Duration minBucketSize, int bucketsPerWindow,
                                                     Duration dedupRetention, Duration provisionalInterval,
                                                     int agreementVersions) {
        return new TopologySettings(Topic.MEASUREMENTS.topicName(), Topic.AGREEMENTS.topicName(),
                Topic.BREACHES.topicName(), Topic.COMPLIANCE.topicName(), grace, punctuateInterval,
                minBucketSize, bucketsPerWindow, dedupRetention, provisionalInterval, agreementVersions);
    }
}
