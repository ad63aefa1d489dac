package dev.surety.detector.streams;

import dev.surety.events.Topic;
import java.time.Duration;

/**
 * What the topology needs to be built: topic names (from the catalog, renameable by config) and
 * the detector's timing settings. Built with {@link #builder()}, which starts from the catalog's topic names and the
 * defaults of {@code DetectorConfig}, so a caller names only what it sets.
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
        int wallClockVisits,
        Duration breachCommitSpacing) {

    /** Settings with the catalog's topic names and the detector's defaults, to be changed by the builder's setters. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.measurementsTopic = measurementsTopic;
        b.agreementsTopic = agreementsTopic;
        b.breachesTopic = breachesTopic;
        b.complianceTopic = complianceTopic;
        b.grace = grace;
        b.punctuateInterval = punctuateInterval;
        b.minBucketSize = minBucketSize;
        b.bucketsPerWindow = bucketsPerWindow;
        b.dedupRetention = dedupRetention;
        b.provisionalInterval = provisionalInterval;
        b.agreementVersions = agreementVersions;
        b.agreementCacheSize = agreementCacheSize;
        b.stateCacheSize = stateCacheSize;
        b.provisionalSpread = provisionalSpread;
        b.wallClockVisits = wallClockVisits;
        b.breachCommitSpacing = breachCommitSpacing;
        return b;
    }

    /** Collects the settings; starts from the catalog's topic names and the defaults of {@code DetectorConfig}. */
    public static final class Builder {

        private String measurementsTopic = Topic.MEASUREMENTS.topicName();
        private String agreementsTopic = Topic.AGREEMENTS.topicName();
        private String breachesTopic = Topic.BREACHES.topicName();
        private String complianceTopic = Topic.COMPLIANCE.topicName();
        private Duration grace = Duration.ofSeconds(5);
        private Duration punctuateInterval = Duration.ofSeconds(1);
        private Duration minBucketSize = Duration.ofSeconds(1);
        private int bucketsPerWindow = 60;
        private Duration dedupRetention = Duration.ofHours(24);
        private Duration provisionalInterval = Duration.ofMinutes(1);
        private int agreementVersions = 8;
        private int agreementCacheSize = 1024;
        private int stateCacheSize = 2000;
        private boolean provisionalSpread = true;
        private int wallClockVisits = 500;
        private Duration breachCommitSpacing = Duration.ofMillis(100);

        private Builder() {
        }

        /** The four topics the topology reads and writes. */
        public Builder topics(String measurements, String agreements, String breaches, String compliance) {
            this.measurementsTopic = measurements;
            this.agreementsTopic = agreements;
            this.breachesTopic = breaches;
            this.complianceTopic = compliance;
            return this;
        }

        public Builder grace(Duration grace) {
            this.grace = grace;
            return this;
        }

        public Builder punctuateInterval(Duration punctuateInterval) {
            this.punctuateInterval = punctuateInterval;
            return this;
        }

        public Builder minBucketSize(Duration minBucketSize) {
            this.minBucketSize = minBucketSize;
            return this;
        }

        public Builder bucketsPerWindow(int bucketsPerWindow) {
            this.bucketsPerWindow = bucketsPerWindow;
            return this;
        }

        public Builder dedupRetention(Duration dedupRetention) {
            this.dedupRetention = dedupRetention;
            return this;
        }

        public Builder provisionalInterval(Duration provisionalInterval) {
            this.provisionalInterval = provisionalInterval;
            return this;
        }

        public Builder agreementVersions(int agreementVersions) {
            this.agreementVersions = agreementVersions;
            return this;
        }

        public Builder agreementCacheSize(int agreementCacheSize) {
            this.agreementCacheSize = agreementCacheSize;
            return this;
        }

        public Builder stateCacheSize(int stateCacheSize) {
            this.stateCacheSize = stateCacheSize;
            return this;
        }

        public Builder provisionalSpread(boolean provisionalSpread) {
            this.provisionalSpread = provisionalSpread;
            return this;
        }

        public Builder wallClockVisits(int wallClockVisits) {
            this.wallClockVisits = wallClockVisits;
            return this;
        }

        public Builder breachCommitSpacing(Duration breachCommitSpacing) {
            this.breachCommitSpacing = breachCommitSpacing;
            return this;
        }

        public TopologySettings build() {
            return new TopologySettings(measurementsTopic, agreementsTopic, breachesTopic, complianceTopic, grace,
                    punctuateInterval, minBucketSize, bucketsPerWindow, dedupRetention, provisionalInterval,
                    agreementVersions, agreementCacheSize, stateCacheSize, provisionalSpread, wallClockVisits,
                    breachCommitSpacing);
        }
    }
}
