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

    /**
     * How often (wall clock) the objectives that are due are looked at: periods to finalize, silent
     * sources, maintenance cuts, inactive agreements (each task keeps a schedule of when each
     * objective is next due, so a round touches only those).
     */
    @WithDefault("PT1S")
    Duration punctuateInterval();

    /**
     * At most this many objectives each task looks at in one such punctuation (the look at every objective after a
     * task starts included); the rest stay due and come first in the next one, so one punctuation stays short
     * however many objectives are due at once (at least 1).
     */
    @WithDefault("500")
    int wallClockVisits();

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

    /**
     * Whether each objective's PROVISIONAL records come at a phase of its own within provisional-interval (a hash of
     * its key picks one of the interval's punctuate-interval steps), so a task publishes a slice of its objectives
     * every step instead of all of them at once, which held up processing; false: all at the same moment.
     */
    @WithDefault("true")
    boolean provisionalSpread();

    /**
     * A task that emits a breach event asks Kafka Streams to commit right after the records at hand, so readers
     * (read_committed) see it without waiting out kafka-streams.commit.interval.ms; each stream thread asks at most
     * once per this spacing, whichever of its tasks has the breach (a commit covers all of them), so a storm of
     * breaches (an outage hitting every objective) does not turn into a commit every few records: breach events
     * within the spacing wait for the next commit, early or regular.
     */
    @WithDefault("PT0.1S")
    Duration breachCommitSpacing();

    /** How many versions of each agreement are kept to judge measurements by the version in force at their time. */
    @WithDefault("8")
    int agreementVersions();

    /** How many stored agreement values (all kept versions of one agreement) are kept decoded in memory, per process. */
    @WithDefault("1024")
    int agreementCacheSize();

    /**
     * How many objective states (and as many period-history hours) each task keeps decoded on the heap (at least
     * 1); changes reach the store and its changelog once per commit, or earlier when evicted as least recently used.
     */
    @WithDefault("2000")
    int stateCacheSize();

    /** Off-heap memory of the state stores (copied into the Kafka Streams config for {@code BoundedRocksDbConfig}). */
    Rocksdb rocksdb();

    /** One RocksDB block cache shared by every store of the process. */
    interface Rocksdb {

        /** Size of the shared block cache in MB, memtables, index and filter blocks included. */
        @WithDefault("16")
        int blockCacheMb();

        /** Share of that cache all memtables together may use, in MB (at most half the cache). */
        @WithDefault("4")
        int memtableMb();
    }
}
