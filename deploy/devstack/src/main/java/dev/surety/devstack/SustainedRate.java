package dev.surety.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code DetectorBench sustained}: the highest rate of live healthy measurements a running detector keeps up with,
 * its lag flat. Usage: {@code sustained <bootstrap> <topic> <group> <set> <agreements> <objectives> <startRate>
 * <upperRate> [name=value ...]}, options (defaults): {@code warmup=120} s at the start rate first (a fresh JVM
 * spends its first minutes JIT-compiling), {@code step=30} s a step, of which the first {@code grace=10} s are not
 * judged, {@code up=1.1} and {@code down=1.25} (factors between steps), {@code cap=1.3} (times {@code upperRate}: no
 * step above), {@code floor=0.1} (times {@code startRate}: no step below), {@code settle=60} s (see below),
 * {@code steps=10} (at most so many steps), {@code pid=<detector pid>} for its CPU per step, {@code commit_ms=100}
 * (the detector's commit interval, for the bar).
 *
 * <p>The lag of {@code group} on {@code topic} is checked every 500 ms ({@link GroupLag}); a step is flat when
 * every check after its grace was within the bar {@code latency} uses ({@link LagSamples#allowedLag}: a commit interval
 * and a fifth of a second of traffic, at least 50 records; a check that could not read the lag is above it). {@link RateSearch} picks
 * the steps: up from the start rate while flat, or down when the first step is not. Before each step, at its rate,
 * the driver waits (at most {@code settle} s) for one check within the bar, so a step does not inherit the backlog of
 * the warm-up or of a step that was not flat ({@code settle_s}; -1 when it did not come). Prints one line per step
 * ({@code step rate_target rate_sent settle_s lag_allowed lag_max lag_over_share lag_checks detector_cpu flat}), then
 * {@code sustained_rate=<rate sent in the last flat step, or none> sustained_target=<its target> steps=<n>
 * first_unflat=<target of the lowest step not flat, or none> search=up|down stopped=<why: unflat (going up),
 * flat (going down), cap, floor, steps> failed_sends=<n>}.
 */
final class SustainedRate {

    private static final Set<String> OPTIONS = Set.of("warmup", "step", "grace", "up", "down", "cap", "floor",
            "settle", "steps", "pid", "commit_ms");

    private final GroupLag lag;

    private SustainedRate(GroupLag lag) {
        this.lag = lag;
    }

    static void run(String[] args) throws Exception {
        run(args, System.out);
    }

    /** {@link #run(String[])} printing its lines to {@code out}. */
    static void run(String[] args, PrintStream out) throws Exception {
        DetectorBench.Live live = DetectorBench.Live.parse(args);
        double start = live.rate();
        double upper = Double.parseDouble(args[8]);
        Map<String, String> options = new HashMap<>();
        for (int i = 9; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length < 2 || !OPTIONS.contains(kv[0])) {
                throw new IllegalArgumentException("not an option of sustained: " + args[i] + " (" + OPTIONS + ")");
            }
            options.put(kv[0], kv[1]);
        }
        long warmupNanos = seconds(options.getOrDefault("warmup", "120"));
        long stepNanos = seconds(options.getOrDefault("step", "30"));
        long graceNanos = seconds(options.getOrDefault("grace", "10"));
        long settleNanos = seconds(options.getOrDefault("settle", "60"));
        String pid = options.get("pid");
        long commitMs = Long.parseLong(options.getOrDefault("commit_ms", "100"));
        RateSearch search = new RateSearch(start, Double.parseDouble(options.getOrDefault("up", "1.1")),
                Double.parseDouble(options.getOrDefault("down", "1.25")),
                upper * Double.parseDouble(options.getOrDefault("cap", "1.3")),
                start * Double.parseDouble(options.getOrDefault("floor", "0.1")),
                Integer.parseInt(options.getOrDefault("steps", "10")));
        try (KafkaProducer<String, byte[]> producer = DetectorBench.producer(live.bootstrap());
             Admin admin = DetectorBench.admin(live.bootstrap());
             PacedProducer paced = new PacedProducer(producer, live.topic(), live.shape())) {
            SustainedRate driver = new SustainedRate(new GroupLag(admin, live.group(), live.topic()));
            paced.start(start, now -> true);
            driver.warmUp(paced.startNanos(), warmupNanos, LagSamples.allowedLag(start, commitMs));
            boolean more = true;
            while (more) {
                double target = search.rate();
                paced.rate(target);
                long allowed = LagSamples.allowedLag(target, commitMs);
                double settled = driver.settle(settleNanos, allowed);
                long from = System.nanoTime();
                long sentBefore = paced.sent();
                double cpuBefore = pid == null ? 0 : GroupProgress.cpuSeconds(pid);
                LagSamples samples = driver.step(from, stepNanos, graceNanos, allowed);
                double seconds = (System.nanoTime() - from) / 1e9;
                double sent = (paced.sent() - sentBefore) / seconds;
                String cpu = pid == null ? "-"
                        : String.format("%.2f", (GroupProgress.cpuSeconds(pid) - cpuBefore) / seconds);
                more = search.record(samples.flat(), sent);
                out.printf("step=%d rate_target=%.0f rate_sent=%.0f settle_s=%.1f lag_allowed=%d lag_max=%d"
                        + " lag_over_share=%.3f lag_checks=%d detector_cpu=%s flat=%s%n", search.steps(), target, sent,
                        settled, allowed, samples.max(), samples.overShare(), samples.count(), cpu, samples.flat());
            }
            paced.stop();
            producer.flush();
            out.printf("sustained_rate=%s sustained_target=%s steps=%d first_unflat=%s search=%s stopped=%s"
                    + " failed_sends=%d%n", rate(search.sustained()), rate(search.sustainedTarget()), search.steps(),
                    rate(search.firstUnflat()), search.descending() ? "down" : "up",
                    search.stop().name().toLowerCase(Locale.ROOT), paced.failed());
        }
    }

    private static long seconds(String value) {
        return TimeUnit.SECONDS.toNanos(Long.parseLong(value));
    }

    private static String rate(OptionalDouble rate) {
        return rate.isPresent() ? String.format("%.0f", rate.getAsDouble()) : "none";
    }

    /** At least {@code warmupNanos} from {@code t0}; the lag on stderr every 5 s. */
    private void warmUp(long t0, long warmupNanos, long allowed) throws IOException, InterruptedException {
        GroupLag.WarmUpLine progress = new GroupLag.WarmUpLine(t0, allowed);
        Poll.until(Duration.ofNanos(warmupNanos).plusSeconds(30), Duration.ofMillis(500), () -> {
            long now = System.nanoTime();
            progress.offer(now, lag.read(), () -> "");
            return now - t0 >= warmupNanos;
        }, () -> "the warm-up did not end");
    }

    /** Seconds until a check of the lag was within {@code allowed}, at most {@code settleNanos}; -1 if none was. */
    private double settle(long settleNanos, long allowed) throws InterruptedException {
        long from = System.nanoTime();
        LagSamples checks = new LagSamples(allowed);
        try {
            Poll.until(Duration.ofNanos(settleNanos), Duration.ofMillis(500), () -> checks.check(lag.read()),
                    () -> "the lag did not come within " + allowed + " records");
            return (System.nanoTime() - from) / 1e9;
        } catch (IOException behind) {
            System.err.println(behind.getMessage());
            return -1;
        }
    }

    /** Checks the lag every 500 ms for {@code stepNanos} from {@code from}, but for the first {@code graceNanos}. */
    private LagSamples step(long from, long stepNanos, long graceNanos, long allowed)
            throws IOException, InterruptedException {
        LagSamples samples = new LagSamples(allowed);
        Poll.until(Duration.ofNanos(stepNanos).plusSeconds(30), Duration.ofMillis(500), () -> {
            long now = System.nanoTime();
            if (now - from >= stepNanos) {
                return true;
            }
            if (now - from >= graceNanos) {
                samples.check(lag.read());
            }
            return false;
        }, () -> "the step did not end");
        return samples;
    }
}
