package dev.surety.devstack;

import dev.surety.devstack.DetectorBench.Shape;
import dev.surety.events.EventCodec;
import dev.surety.events.Measurement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;

/**
 * The detector benchmark's live traffic: healthy measurements of a {@link Shape}, stamped now, round-robin over its
 * objectives, at a rate (measurements/s) that may change while it runs. Paced by a 2 ms tick: each tick sends what
 * the schedule says is due by then, so a tick that came late catches up. The producer is the caller's (it batches:
 * a 5 ms linger); work of the caller's runs on the same tick ({@link AfterTick}), and {@link #sendBurst} sends bad
 * measurements for breaches.
 */
final class PacedProducer implements AutoCloseable {

    /** Work on the ticker thread after each tick's healthy measurements. */
    @FunctionalInterface
    interface AfterTick {
        /** @param now the tick's {@code System.nanoTime()}; returns false to end the ticking */
        boolean run(long now);
    }

    /** What a send is told: the callback for one measurement, or null for none. */
    @FunctionalInterface
    interface OnSend {
        /** Called just before the send, with the objective's key and the measurement's event time (epoch ms). */
        Callback sending(String key, long eventMs);
    }

    private static final OnSend UNWATCHED = (key, ms) -> null;

    /** Due measurements: {@code dueAtFrom} by {@code fromNanos}, then {@code rate} a second. */
    record Pace(long fromNanos, long dueAtFrom, double rate) {

        long due(long now) {
            return dueAtFrom + (long) (rate * (now - fromNanos) / 1e9);
        }

        /** From {@code now} on at {@code newRate}: what was due by now at this rate stays due. */
        Pace at(long now, double newRate) {
            return new Pace(now, due(now), newRate);
        }
    }

    /** Bad measurement: so many bad events that any window of healthy traffic drops below 99 % at once. */
    static final long BAD_TOTAL = 100_000_000L;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Shape shape;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "paced-producer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    /** The healthy measurements' sends: only failures are counted. */
    private final OnSend healthy = (key, ms) -> (meta, e) -> {
        if (e != null) {
            failed.incrementAndGet();
        }
    };
    private volatile Pace pace;
    private volatile RuntimeException failure;
    private long startNanos;

    PacedProducer(Producer<String, byte[]> producer, String topic, Shape shape) {
        this.producer = producer;
        this.topic = topic;
        this.shape = shape;
    }

    /** Starts sending at {@code rate}; {@code after} runs after every tick's healthy measurements. */
    void start(double rate, AfterTick after) {
        startNanos = System.nanoTime();
        pace = new Pace(startNanos, 0, rate);
        ticker.scheduleAtFixedRate(() -> tick(after), 0, 2, TimeUnit.MILLISECONDS);
    }

    /** From now on, {@code rate} measurements/s (what was due at the old rate stays due). */
    void rate(double rate) {
        pace = pace.at(System.nanoTime(), rate);
    }

    private void tick(AfterTick after) {
        if (finished.getCount() == 0) {
            return;
        }
        try {
            long now = System.nanoTime();
            long due = pace.due(now);
            while (sent.get() < due) {
                long i = sent.getAndIncrement();
                int k = (int) (i % shape.count());
                // 995..1000 good of 1000: healthy (>= 99 %), so this traffic never opens a breach.
                send(producer, k, 1000 - (i % 6), 1000, healthy);
            }
            if (!after.run(now)) {
                finished.countDown();
            }
        } catch (RuntimeException e) {
            failure = e;
            finished.countDown();
        }
    }

    /**
     * Sends {@code events} bad measurements through {@code via} to each of {@code objectives} objectives, the next one
     * each from {@code nextObjective}: the first bad measurement of an objective makes its threshold rule true.
     * {@code first} (may be null) sees the first measurement of each objective go out.
     */
    void sendBurst(Producer<String, byte[]> via, IntSupplier nextObjective, int objectives,
            int events, OnSend first) {
        for (int b = 0; b < objectives; b++) {
            int k = nextObjective.getAsInt();
            for (int e = 0; e < events; e++) {
                send(via, k, 0, BAD_TOTAL, e == 0 && first != null ? first : UNWATCHED);
            }
        }
    }

    private void send(Producer<String, byte[]> via, int k, long good, long total, OnSend callback) {
        // The event time is the moment of sending: the latency figure counts from it.
        long ms = System.currentTimeMillis();
        Measurement m = DetectorBench.measurement(shape, k, UUID.randomUUID().toString(), Instant.ofEpochMilli(ms),
                good, total);
        String key = shape.key(k);
        byte[] value = EventCodec.encode(m);
        via.send(DetectorBench.record(topic, key, m, value), callback.sending(key, ms));
    }

    /** nanoTime the first tick was due. */
    long startNanos() {
        return startNanos;
    }

    /** Healthy measurements handed to the producer so far. */
    long sent() {
        return sent.get();
    }

    /** Healthy measurements the broker did not acknowledge. */
    long failed() {
        return failed.get();
    }

    /** Whether the ticking has ended (its {@link AfterTick} said so, or a tick failed). */
    boolean finished() {
        return finished.getCount() == 0;
    }

    /** Waits until the ticking has ended. */
    void awaitFinished() throws InterruptedException {
        finished.await();
    }

    /**
     * Ends the ticking and waits for the last tick.
     *
     * @throws RuntimeException a tick's failure
     */
    void stop() throws InterruptedException {
        finished.countDown();
        ticker.shutdown();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        finished.countDown();
        ticker.shutdownNow();
    }
}
