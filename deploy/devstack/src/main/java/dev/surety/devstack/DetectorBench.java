package dev.surety.devstack;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachOpened;
import dev.surety.events.CloudEvents;
import dev.surety.events.Compensation;
import dev.surety.events.CreditTier;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import dev.surety.events.Topic;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark driver for breach-detector (used by {@code bench/detector.sh}). A "set" is a named group
 * of agreements with the same shape: {@code agreements} agreements of {@code objectives} RATIO
 * objectives each (target 99.9 %, threshold 99 % over {@code window}, calendar month, no hold time,
 * silence tolerated for a day so that replayed history does not start no-data episodes). Ids are
 * derived from the set name, so every subcommand finds the same objectives again.
 *
 * <ul>
 * <li>{@code topic <bootstrap> [suffix]}: creates a measurements topic named after the catalog's
 *     with {@code .suffix} appended, with the catalog's partitions and config, and prints
 *     {@code <config key>=<name>}, ready to rename the detector's input with {@code -D}; without a
 *     suffix, the catalog's own topic.</li>
 * <li>{@code agreements <bootstrap> <set> <agreements> <objectives> <window>}: publishes the set's
 *     snapshots to the agreements topic (in force since yesterday).</li>
 * <li>{@code fill <bootstrap> <topic> <set> <agreements> <objectives> <records> <spanMinutes>}:
 *     produces {@code records} healthy measurements, round-robin over the set's objectives, event
 *     times spread evenly over the {@code spanMinutes} up to a minute ago.</li>
 * <li>{@code await <bootstrap> <group> <topic> <timeoutSeconds>}: waits until the group's committed
 *     offsets reach the topic's end offsets.</li>
 * <li>{@code latency <bootstrap> <topic> <group> <set> <agreements> <objectives> <rate> <warmupSeconds>
 *     <seconds> <burstEveryMs> <burstObjectives> <burstEvents> [steadySeconds=30] [commitIntervalMs=100]}: produces
 *     healthy measurements
 *     stamped now at {@code rate}/s in batches (5 ms linger; measurement-ingest, which feeds the detector in
 *     production, lingers up to 100 ms). The group's lag is checked every 500 ms; the allowed lag is a commit
 *     interval and a fifth of a second of traffic (at least 50 records; {@link LagSamples#allowedLag}). Timing starts once at least {@code warmupSeconds} have passed and
 *     the lag has been within the allowed lag at every check for a continuous {@code steadySeconds} (a check above
 *     it, or one that fails, starts the stretch again; the stretch may begin during the minimum warm-up), at most
 *     10 minutes after the minimum warm-up; a detector that never got steady is timed anyway and reported with
 *     {@code caught_up=false}. Then, for {@code seconds}, every {@code burstEveryMs} it sends {@code burstEvents}
 *     bad measurements to each of {@code burstObjectives} objectives not burst before (during the minimum warm-up
 *     the same bursts go, untimed, to objectives the timed ones never use, as far as there are such objectives, so
 *     the detector has opened breaches, and compiled that path, before anything is timed; {@code warmup_breaches}
 *     says on how many objectives). The first bad
 *     measurement of an objective makes its threshold rule true, so the detector opens a breach
 *     with {@code openedAt} = that measurement's time. A read_committed consumer of the breaches topic
 *     records, in an HdrHistogram, BreachOpened consumed − that measurement handed to the producer (a
 *     producer of its own, no linger, so no batching delay is in the figure); also the broker's
 *     acknowledgement of that measurement ({@code ack_*}). Whether the figure is a steady-state one is printed
 *     next to it: {@code steady_s} (the stretch within the allowed lag when timing started), and, from the
 *     lag sampled every 500 ms while timing, {@code lag_max_timed} and {@code lag_over_share} (the share of
 *     those samples above the allowed lag, {@code lag_allowed}; a sample that could not read the lag counts as one
 *     above it), and {@code lag_at_end} (-1 when it could not be read). Progress of the warm-up goes to stderr; with the
 *     environment variable {@code DETECTOR_BENCH_TRACE} set to a file, one line per breach is written there
 *     (key, sent and consumed wall-clock ms, ack and latency µs, partition).</li>
 * <li>{@code sustained <bootstrap> <topic> <group> <set> <agreements> <objectives> <startRate> <upperRate>
 *     [name=value ...]}: the highest rate of live healthy measurements (paced like {@code latency}'s) at which the
 *     group's lag stays within {@code latency}'s bar, found in steps up from {@code startRate} (or down, when the
 *     lag is not flat there); see {@link SustainedRate}.</li>
 * <li>{@code memory <pid>}: prints {@code rss_kb=<VmRSS> hwm_kb=<VmHWM>} of a process.</li>
 * <li>{@code jvm-options [heap option...]}: prints, on one line, the JVM options the detector ships with (the
 *     {@code JAVA_TOOL_OPTIONS} of {@code deploy/kubernetes/base/breach-detector.yaml}, found from the working
 *     directory up, read by {@link Platform#deployedJvmOptions}); with heap options (e.g. {@code -Xmx256m}),
 *     those replace the shipped {@code -Xms}/{@code -Xmx}. Exits 1 when there are none.</li>
 * </ul>
 * Prints {@code key=value} pairs, but {@code jvm-options}.
 */
public final class DetectorBench {

    private static final String SOURCE = "/surety/measurement-ingest";

    private DetectorBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "topic" -> System.out.println(Topic.MEASUREMENTS.configKey() + "="
                    + (args.length > 2 ? createTopic(args[1], args[2]) : Topic.MEASUREMENTS.topicName()));
            case "agreements" -> publishAgreements(args[1], args[2], Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Duration.parse(args[5]));
            case "fill" -> fill(args[1], args[2], new Shape(args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5])),
                    Long.parseLong(args[6]), Duration.ofMinutes(Long.parseLong(args[7])));
            case "await" -> awaitConsumed(args[1], args[2], args[3], Duration.ofSeconds(Long.parseLong(args[4])));
            case "latency" -> latency(args);
            case "sustained" -> SustainedRate.run(args);
            case "memory" -> System.out.println(memory(args[1]));
            case "jvm-options" -> jvmOptions(List.of(args).subList(1, args.length));
            default -> {
                System.err.println("usage: DetectorBench topic|agreements|fill|await|latency|sustained|memory"
                        + "|jvm-options ... (see Javadoc)");
                System.exit(2);
            }
        }
    }

    /** Objectives of a set: objective {@code k} is objective {@code k % objectives} of agreement {@code k / objectives}. */
    record Shape(String set, int agreements, int objectives) {

        int count() {
            return agreements * objectives;
        }

        String agreementId(int a) {
            return UUID.nameUUIDFromBytes(("detector-bench/" + set + "/" + a).getBytes()).toString();
        }

        String key(int k) {
            return Measurement.key(agreementId(k / objectives), objectiveId(k % objectives));
        }

        static String objectiveId(int j) {
            return "o" + j;
        }
    }

    static String createTopic(String bootstrap, String suffix) throws Exception {
        String name = Topic.MEASUREMENTS.topicName() + "." + suffix;
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(name, Topic.MEASUREMENTS.partitions(), (short) 1)
                    .configs(Topic.MEASUREMENTS.topicConfig()))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        return name;
    }

    static void publishAgreements(String bootstrap, String set, int agreements, int objectives, Duration window)
            throws Exception {
        Shape shape = new Shape(set, agreements, objectives);
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(1));
        Compensation compensation = new Compensation(new BigDecimal("1000.00"), "EUR",
                List.of(new CreditTier(new BigDecimal("99.9"), new BigDecimal("10"))), null, false);
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            List<Future<?>> acks = new ArrayList<>();
            for (int a = 0; a < agreements; a++) {
                List<ObjectiveSpec> specs = new ArrayList<>(objectives);
                for (int j = 0; j < objectives; j++) {
                    specs.add(new ObjectiveSpec(Shape.objectiveId(j), "Availability " + j, null, SliKind.RATIO,
                            new MetricSelector(null, "bench-api", "http_requests", Map.of("route", "r" + j)),
                            null, null, null, null, new BigDecimal("99.9"), ObjectiveSpec.CALENDAR_MONTH, window,
                            new BigDecimal("99"), Duration.ZERO, List.of(), null, Duration.ofDays(1)));
                }
                String id = shape.agreementId(a);
                AgreementSnapshot snapshot = new AgreementSnapshot(id, 1, "bench", "Detector benchmark " + set + " " + a,
                        "Bench Hosting", "bench-api", AgreementStatus.ACTIVE, from, null, "UTC", specs, compensation, from);
                byte[] value = EventCodec.encode(snapshot);
                bytes += value.length;
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topic.AGREEMENTS.topicName(), id, value);
                CloudEvents.write(r.headers(), EventType.AGREEMENT_SNAPSHOT,
                        UUID.nameUUIDFromBytes((id + "/1").getBytes()).toString(), "/surety/agreement-service", from, id);
                acks.add(producer.send(r));
            }
            for (Future<?> f : acks) {
                f.get();
            }
        }
        System.out.printf("agreements=%d objectives=%d snapshot_bytes=%d%n", agreements, shape.count(),
                agreements == 0 ? 0 : bytes / agreements);
    }

    static void fill(String bootstrap, String topic, Shape shape, long records, Duration span) throws Exception {
        long spanMs = span.toMillis();
        long start = System.currentTimeMillis() - Duration.ofMinutes(1).toMillis() - spanMs;
        int n = shape.count();
        long bytes = 0;
        long t0 = System.nanoTime();
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (long i = 0; i < records; i++) {
                int k = (int) (i % n);
                Instant t = Instant.ofEpochMilli(start + i * spanMs / records);
                // 995..1000 good of 1000: healthy (>= 99 %), so the rule never fires while filling.
                Measurement m = measurement(shape, k, UUID.nameUUIDFromBytes((topic + "/" + i).getBytes()).toString(),
                        t, 1000 - (i % 6), 1000);
                byte[] value = EventCodec.encode(m);
                bytes += value.length;
                producer.send(record(topic, shape.key(k), m, value), (meta, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IOException(failed.get() + " measurements were not acknowledged");
        }
        System.out.printf("records=%d value_bytes=%d produce_rate=%.0f%n", records, records == 0 ? 0 : bytes / records,
                records / ((System.nanoTime() - t0) / 1e9));
    }

    static void awaitConsumed(String bootstrap, String group, String topic, Duration timeout) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            long end = TopicName.endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
            int partitions = TopicName.partitions(admin, topic);
            long t0 = System.nanoTime();
            Poll.until(timeout, Duration.ofMillis(200),
                    () -> GroupProgress.committedNow(admin, group, topic, partitions) >= end,
                    () -> group + " did not consume " + topic + " within " + timeout);
            System.out.printf("consumed=%d seconds=%.1f%n", end, (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * The arguments {@code latency} and {@code sustained} start with: {@code <bootstrap> <topic> <group> <set>
     * <agreements> <objectives> <rate>}, live traffic of a set to a topic at a rate, judged by a group's lag.
     */
    record Live(String bootstrap, String topic, String group, Shape shape, double rate) {

        static Live parse(String[] args) {
            return new Live(args[1], args[2], args[3], new Shape(args[4], Integer.parseInt(args[5]),
                    Integer.parseInt(args[6])), Double.parseDouble(args[7]));
        }
    }

    static void latency(String[] args) throws Exception {
        Live live = Live.parse(args);
        String bootstrap = live.bootstrap();
        String topic = live.topic();
        String group = live.group();
        Shape shape = live.shape();
        double rate = live.rate();
        long warmupNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[8]));
        long measuredNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[9]));
        long burstEveryNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[10]));
        int burstObjectives = Integer.parseInt(args[11]);
        int burstEvents = Integer.parseInt(args[12]);
        long steadyNanos = TimeUnit.SECONDS.toNanos(args.length > 13 ? Long.parseLong(args[13]) : 30);
        long commitIntervalMs = args.length > 14 ? Long.parseLong(args[14]) : 100;
        long bursts = measuredNanos / burstEveryNanos;
        if (bursts * burstObjectives > shape.count()) {
            throw new IllegalArgumentException("not enough objectives for " + bursts + " bursts of " + burstObjectives);
        }

        // key -> nanoTime the first bad measurement was handed to the producer, and its event time.
        Map<String, long[]> sent = new ConcurrentHashMap<>();
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        // The broker's acknowledgement of each timed measurement (written by the producer's I/O thread only).
        Histogram acked = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        // One line per breach when DETECTOR_BENCH_TRACE names a file: where each one's time went.
        String tracePath = System.getenv("DETECTOR_BENCH_TRACE");
        List<String> trace = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicLong mismatched = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch consumerReady = new CountDownLatch(1);
        Thread consumerThread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
                List<TopicPartition> tps = new ArrayList<>();
                for (int p = 0; p < Topic.BREACHES.partitions(); p++) {
                    tps.add(new TopicPartition(Topic.BREACHES.topicName(), p));
                }
                consumer.assign(tps);
                consumer.seekToEnd(tps);
                tps.forEach(consumer::position);
                consumerReady.countDown();
                while (!stop.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(5))) {
                        long now = System.nanoTime();
                        if (CloudEvents.type(r.headers()) != EventType.BREACH_OPENED) {
                            continue;
                        }
                        long[] s = sent.get(r.key());
                        if (s == null || !seen.add(r.key())) {
                            continue;
                        }
                        BreachOpened b = EventCodec.decode(r.value(), BreachOpened.class);
                        if (b.openedAt().toEpochMilli() != s[1]) {
                            mismatched.incrementAndGet();
                        }
                        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - s[0]));
                        histogram.recordValue(micros);
                        if (tracePath != null) {
                            trace.add(r.key() + " sent_ms=" + s[1] + " ack_us=" + s[2] + " latency_us=" + micros
                                    + " consumed_ms=" + System.currentTimeMillis() + " partition=" + r.partition());
                        }
                    }
                }
            }
        }, "breach-consumer");
        consumerThread.start();
        consumerReady.await(60, TimeUnit.SECONDS);

        // The first bad measurement of each timed burst's objective: when it was handed to the producer, its event
        // time, and then the broker's acknowledgement (µs, written by the producer's I/O thread only).
        PacedProducer.OnSend timedFirst = (key, ms) -> {
            long[] s = {System.nanoTime(), ms, -1};
            sent.put(key, s);
            return (meta, failure) -> {
                if (failure == null) {
                    s[2] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - s[0]);
                    acked.recordValue(Math.max(0, s[2]));
                }
            };
        };
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap);
             KafkaProducer<String, byte[]> timed = latencyProducer(bootstrap);
             Admin admin = admin(bootstrap);
             PacedProducer paced = new PacedProducer(producer, topic, shape)) {
            // Objectives 0 .. untimed-1 are never burst while timing: the warm-up breaches take theirs from there.
            LatencyBursts latencyBursts = new LatencyBursts(paced, producer, timed, timedFirst, warmupNanos,
                    measuredNanos, burstEveryNanos, burstObjectives, burstEvents,
                    (int) (shape.count() - bursts * burstObjectives), shape.count() - 1);
            paced.start(rate, latencyBursts);
            long t0 = paced.startNanos();
            // Warm-up: at least warmupSeconds, and until the detector's committed offsets have stayed within a
            // commit interval and a fifth of a second of traffic of the end for steadySeconds at every check (a fresh Streams app spends its
            // first seconds setting up transactions and changelogs, and its first minutes JIT-compiling: on a shared
            // 2-core machine a fresh detector fell behind for 2-4 minutes, and one that was under the bar once fell
            // behind again by 59 700 records, so a single check under the bar timed a backlog draining). Up to 10
            // minutes more, so the figure is the caught-up detector's; warmup_s says how long it took, steady_s how
            // long the lag had stayed within the bar. A detector that never got steady is reported.
            GroupLag groupLag = new GroupLag(admin, group, topic);
            long allowedLag = LagSamples.allowedLag(rate, commitIntervalMs);
            Steadiness steadiness = new Steadiness(allowedLag);
            GroupLag.WarmUpLine progress = new GroupLag.WarmUpLine(t0, allowedLag);
            boolean caughtUp = true;
            try {
                Poll.until(Duration.ofNanos(warmupNanos).plusSeconds(600), Duration.ofMillis(500), () -> {
                    OptionalLong lag = groupLag.read();
                    long now = System.nanoTime();
                    long steadyFor = steadiness.check(lag, now);
                    // How the lag comes down and stays down.
                    progress.offer(now, lag, () -> String.format(", within it for %.1f s of %d s", steadyFor / 1e9,
                            TimeUnit.NANOSECONDS.toSeconds(steadyNanos)));
                    return now - t0 >= warmupNanos && steadyFor >= steadyNanos;
                }, () -> "the detector did not stay within " + allowedLag + " records of lag for "
                        + TimeUnit.NANOSECONDS.toSeconds(steadyNanos) + " s at " + rate + " measurements/s");
            } catch (IOException behind) {
                System.err.println(behind.getMessage());
                caughtUp = false;
            }
            long timingStart = System.nanoTime();
            latencyBursts.startTiming(timingStart);
            double warmedSeconds = (timingStart - t0) / 1e9;
            double steadySeconds = steadiness.steadyFor(timingStart) / 1e9;
            // The lag while timing, every 500 ms: a figure with samples above the bar timed a backlog too.
            LagSamples timedLag = new LagSamples(allowedLag);
            Poll.until(Duration.ofNanos(measuredNanos).plusSeconds(60), Duration.ofMillis(500), () -> {
                if (paced.finished()) {
                    return true;
                }
                timedLag.check(groupLag.read());
                return false;
            }, () -> "the timed span did not end");
            paced.awaitFinished();
            paced.stop();
            producer.flush();
            timed.flush();
            long lagAtEnd = groupLag.read().orElse(-1);
            try {
                // The last bursts' breaches may still be on their way.
                Poll.until(Duration.ofSeconds(15), Duration.ofMillis(100), () -> seen.size() >= sent.size(),
                        () -> "not every breach arrived");
            } catch (IOException missing) {
                System.err.println(missing.getMessage());
            }
            stop.set(true);
            consumerThread.join(10_000);
            System.out.printf("rate_target=%.0f rate_sent=%.0f warmup_s=%.0f caught_up=%s steady_s=%.1f lag_at_end=%d"
                    + " failed_sends=%d warmup_breaches=%d%n", rate,
                    latencyBursts.goodInMeasured / (measuredNanos / 1e9), warmedSeconds, caughtUp, steadySeconds,
                    lagAtEnd, paced.failed(), latencyBursts.nextWarmObjective);
            System.out.printf("lag_allowed=%d lag_max_timed=%d lag_over_share=%.3f lag_samples_timed=%d%n", allowedLag,
                    timedLag.max(), timedLag.overShare(), timedLag.count());
            System.out.printf("breaches_expected=%d breaches_seen=%d openedAt_mismatch=%d%n", sent.size(), seen.size(),
                    mismatched.get());
            System.out.printf("p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                    histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
            System.out.printf("ack_p50_ms=%.1f ack_p99_ms=%.1f ack_max_ms=%.1f%n",
                    acked.getValueAtPercentile(50) / 1000.0, acked.getValueAtPercentile(99) / 1000.0,
                    acked.getMaxValue() / 1000.0);
            if (tracePath != null) {
                Files.write(Path.of(tracePath), trace);
            }
            if (seen.size() < sent.size()) {
                System.exit(1);
            }
        }
    }

    /**
     * {@code latency}'s bad measurements, sent on the paced producer's tick after its healthy ones. During the minimum
     * warm-up, untimed bursts to objectives from 0 up, as far as there are objectives the timed bursts never use, so
     * opening a breach is JIT-compiled before anything is timed; once timing has started ({@link #startTiming}),
     * timed bursts to objectives from the last one down, for the timed span, at whose end the ticking ends. Its
     * fields are the ticker thread's; {@link #goodInMeasured} and {@link #nextWarmObjective} are read after it ended.
     */
    static final class LatencyBursts implements PacedProducer.AfterTick {

        private final PacedProducer paced;
        private final KafkaProducer<String, byte[]> untimedVia;
        private final KafkaProducer<String, byte[]> timedVia;
        private final PacedProducer.OnSend timedFirst;
        private final long warmupNanos;
        private final long measuredNanos;
        private final long everyNanos;
        private final int objectives;
        private final int events;
        /** Objectives 0 .. untimed-1 are the warm-up bursts' (never burst while timing). */
        private final int untimed;
        /** Set by the main thread once the warm-up is over and the detector has stayed caught up: bursts begin. */
        private final AtomicLong measuredStart = new AtomicLong();
        private long warmBursts;
        private int nextWarmObjective;
        private long nextBurst;
        private int nextBurstObjective;
        private long goodAtMeasuredStart = -1;
        private long goodInMeasured;

        LatencyBursts(PacedProducer paced, KafkaProducer<String, byte[]> untimedVia,
                KafkaProducer<String, byte[]> timedVia, PacedProducer.OnSend timedFirst, long warmupNanos,
                long measuredNanos, long everyNanos, int objectives, int events, int untimed, int lastObjective) {
            this.paced = paced;
            this.untimedVia = untimedVia;
            this.timedVia = timedVia;
            this.timedFirst = timedFirst;
            this.warmupNanos = warmupNanos;
            this.measuredNanos = measuredNanos;
            this.everyNanos = everyNanos;
            this.objectives = objectives;
            this.events = events;
            this.untimed = untimed;
            this.nextBurstObjective = lastObjective;
        }

        void startTiming(long nanoTime) {
            measuredStart.set(nanoTime);
        }

        @Override
        public boolean run(long now) {
            long start = measuredStart.get();
            if (start == 0) {
                // Warm-up bursts, every everyNanos from the first tick on.
                long since = now - paced.startNanos();
                if (since < warmupNanos && since >= warmBursts * everyNanos
                        && nextWarmObjective + objectives <= untimed) {
                    warmBursts++;
                    paced.sendBurst(untimedVia, () -> nextWarmObjective++, objectives, events, null);
                }
                return true;
            }
            if (goodAtMeasuredStart < 0) {
                goodAtMeasuredStart = paced.sent();
                nextBurst = start;
            }
            if (now >= nextBurst && now < start + measuredNanos) {
                nextBurst += everyNanos;
                paced.sendBurst(timedVia, () -> nextBurstObjective--, objectives, events, timedFirst);
            }
            if (now >= start + measuredNanos) {
                goodInMeasured = paced.sent() - goodAtMeasuredStart;
                return false;
            }
            return true;
        }
    }

    /**
     * The current stretch of lag checks all within the allowed lag ({@link LagSamples}' bar): a check above it, or one
     * that could not read the lag, starts it again. Used by one thread at a time.
     */
    static final class Steadiness {

        private final LagSamples checks;
        /** nanoTime of the first check of the current stretch; empty while the last check was above the bar. */
        private OptionalLong since = OptionalLong.empty();

        Steadiness(long allowedLag) {
            this.checks = new LagSamples(allowedLag);
        }

        /** Records a check of {@code lag} (empty: unreadable) at {@code now} (nanoTime); how long the stretch lasts. */
        long check(OptionalLong lag, long now) {
            if (!checks.check(lag)) {
                since = OptionalLong.empty();
            } else if (since.isEmpty()) {
                since = OptionalLong.of(now);
            }
            return steadyFor(now);
        }

        /** Nanoseconds the stretch has lasted at {@code now}; 0 when there is none. */
        long steadyFor(long now) {
            return since.isPresent() ? now - since.getAsLong() : 0;
        }
    }

    private static void jvmOptions(List<String> heap) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(Platform.manifest(dir, Platform.Service.DETECTOR))) {
            dir = dir.getParent();
        }
        List<String> shipped = dir == null ? List.of() : Platform.deployedJvmOptions(Platform.manifest(dir,
                Platform.Service.DETECTOR));
        if (shipped.isEmpty()) {
            System.err.println("no JAVA_TOOL_OPTIONS in deploy/kubernetes/base/breach-detector.yaml from "
                    + Path.of("").toAbsolutePath() + " up");
            System.exit(1);
        }
        System.out.println(String.join(" ", withHeap(shipped, heap)));
    }

    /** {@code shipped} as it is, or with its heap sizes replaced by {@code heap} (put first) when there are any. */
    static List<String> withHeap(List<String> shipped, List<String> heap) {
        if (heap.isEmpty()) {
            return shipped;
        }
        List<String> options = new ArrayList<>(heap);
        shipped.stream().filter(o -> !o.startsWith("-Xms") && !o.startsWith("-Xmx")).forEach(options::add);
        return options;
    }

    static String memory(String pid) throws IOException {
        String rss = "?";
        String hwm = "?";
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.replaceAll("\\D", "");
            } else if (line.startsWith("VmHWM:")) {
                hwm = line.replaceAll("\\D", "");
            }
        }
        return "rss_kb=" + rss + " hwm_kb=" + hwm;
    }

    static Measurement measurement(Shape shape, int k, String id, Instant t, long good, long total) {
        return new Measurement(id, id, shape.agreementId(k / shape.objectives()), 1,
                Shape.objectiveId(k % shape.objectives()), "bench", t, good, total);
    }

    static ProducerRecord<String, byte[]> record(String topic, String key, Measurement m, byte[] value) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, null, m.timestamp().toEpochMilli(), key, value);
        CloudEvents.write(r.headers(), EventType.MEASUREMENT, m.id(), SOURCE, m.timestamp(), key);
        return r;
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The bad measurements whose breaches are timed go out at once (no linger): the latency measured is the
     * detector's, not batching's. The healthy background traffic goes through {@link #producer} (5 ms linger) in
     * batches, as measurement-ingest sends measurements (it lingers up to 100 ms), not as one produce request per
     * measurement (up to 2 500 requests/s for the broker that shares the machine with the detector).
     */
    private static KafkaProducer<String, byte[]> latencyProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // fetch.max.wait.ms stays at its default: the broker answers a waiting read_committed fetch as soon as a
        // commit's markers make breaches readable. 5 ms (up to session 13) only polled the shared broker harder
        // (0.04-0.09 cores more at 3 200/s) for the same p50 (session 14).
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }
}
