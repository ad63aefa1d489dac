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
        int agreementVersions,
        int agreementCacheSize,
        int stateCacheSize,
        boolean provisionalSpread,
        int wallClockVisits) {

    /** Default of {@link #agreementCacheSize}: distinct stored agreement values kept decoded per process. */
    public static final int DEFAULT_AGREEMENT_CACHE_SIZE = 1024;
    /** Default of {@link #stateCacheSize}: objective states kept decoded per task. */
    public static final int DEFAULT_STATE_CACHE_SIZE = 2000;
    /** Default of {@link #wallClockVisits}: objectives one wall-clock punctuation of a task looks at, at most. */
    public static final int DEFAULT_WALL_CLOCK_VISITS = 500;

    /** Settings with the default cache sizes and PROVISIONAL rounds spread over the interval. */
    public TopologySettings(String measurementsTopic, String agreementsTopic, String breachesTopic,
                            String complianceTopic, Duration grace, Duration punctuateInterval,
                            Duration minBucketSize, int bucketsPerWindow, Duration dedupRetention,
                            Duration provisionalInterval, int agreementVersions) {
        this(measurementsTopic, agreementsTopic, breachesTopic, complianceTopic, grace, punctuateInterval,
                minBucketSize, bucketsPerWindow, dedupRetention, provisionalInterval, agreementVersions,
                DEFAULT_AGREEMENT_CACHE_SIZE, DEFAULT_STATE_CACHE_SIZE, true, DEFAULT_WALL_CLOCK_VISITS);
    }

    /** These settings with {@link #provisionalSpread} set as given. */
    public TopologySettings withProvisionalSpread(boolean spread) {
        return new TopologySettings(measurementsTopic, agreementsTopic, breachesTopic, complianceTopic, grace,
                punctuateInterval, minBucketSize, bucketsPerWindow, dedupRetention, provisionalInterval,
                agreementVersions, agreementCacheSize, stateCacheSize, spread, wallClockVisits);
    }

    /** These settings with {@link #wallClockVisits} set as given. */
    public TopologySettings withWallClockVisits(int visits) {
        return new TopologySettings(measurementsTopic, agreementsTopic, breachesTopic, complianceTopic, grace,
                punctuateInterval, minBucketSize, bucketsPerWindow, dedupRetention, provisionalInterval,
                agreementVersions, agreementCacheSize, stateCacheSize, provisionalSpread, visits);
    }

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
