package dev.surety.detector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Timing settings of the breach detector ({@code surety.detector.*}). */
@ConfigMapping(prefix = "surety.detector")
public interface DetectorConfig {

    /** How long after a period's end its measurements are still applied; at end + grace the period is final. */
    @WithDefault("PT5S")
    Duration grace();

    /** How often (wall clock) every objective is checked for periods to finalize when no measurement arrives. */
    @WithDefault("PT1S")
    Duration punctuateInterval();

    /** Smallest sliding-window bucket; a bucket is max(this, window / buckets-per-window). */
    @WithDefault("PT1S")
    Duration minBucketSize();

    /** Buckets a window is split into once the window is long enough; bounds the work per measurement. */
    @WithDefault("60")
    int bucketsPerWindow();

    /** How long (event time) applied measurement ids are remembered to drop redelivered duplicates. */
    @WithDefault("PT24H")
    Duration dedupRetention();

    /** How often (wall clock) PROVISIONAL compliance records are published for periods whose figures changed. */
    @WithDefault("PT1M")
    Duration provisionalInterval();

    /** How many versions of each agreement are kept to judge measurements by the version in force at their time. */
    @WithDefault("8")
    int agreementVersions();
}
