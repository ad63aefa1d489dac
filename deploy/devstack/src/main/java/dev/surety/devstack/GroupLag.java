package dev.surety.devstack;

import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * A consumer group's lag on a topic as the detector benchmark checks it: the records of {@code topic} the group has
 * not committed yet, read from the broker at each call.
 */
final class GroupLag {

    private final Admin admin;
    private final String group;
    private final String topic;
    private final int partitions;

    GroupLag(Admin admin, String group, String topic) throws ExecutionException, InterruptedException {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        this.partitions = TopicName.partitions(admin, topic);
    }

    /**
     * The lag now, or empty when it could not be read (the broker did not answer, the group is rebalancing): a check
     * that did not read the lag is a check that did not see the group keeping up, never one that ends a run.
     */
    OptionalLong read() {
        try {
            long end = TopicName.endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
            return OptionalLong.of(end - GroupProgress.committedNow(admin, group, topic, partitions));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (ExecutionException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code lag} for a progress line: its records, or "unreadable". */
    static String describe(OptionalLong lag) {
        return lag.isPresent() ? lag.getAsLong() + " records" : "unreadable";
    }

    /**
     * The warm-up's progress on stderr, at most every 5 s from {@code t0} (nanoTime): "warm-up N s: lag L (allowed
     * A)" and what {@code more} adds. Used by one thread at a time.
     */
    static final class WarmUpLine {

        private final long t0;
        private final long allowed;
        private long lastPrinted;

        WarmUpLine(long t0, long allowed) {
            this.t0 = t0;
            this.allowed = allowed;
            this.lastPrinted = t0;
        }

        void offer(long now, OptionalLong lag, Supplier<String> more) {
            if (now - lastPrinted >= TimeUnit.SECONDS.toNanos(5)) {
                lastPrinted = now;
                System.err.printf("warm-up %.0f s: lag %s (allowed %d)%s%n", (now - t0) / 1e9, describe(lag), allowed,
                        more.get());
            }
        }
    }
}
