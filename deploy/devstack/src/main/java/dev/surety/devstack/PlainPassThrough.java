package dev.surety.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Benchmark baseline for bench/ingest.sh: a plain consumer-to-producer loop, no Kafka Streams, that copies every
 * record of one topic to another unchanged (key, value, headers, timestamp) with the guarantee measurement-ingest's
 * Kafka path gives: a poll's offsets are committed only after the broker acknowledged every record sent for it
 * (send all, flush, then {@code commitSync}; auto-commit off). A refused send stops the whole process with the error
 * and without committing that poll (at least once, never a silent drop). It shows what copying costs on the benchmark
 * machine without Kafka Streams' own per-record work, next to {@code StreamsPassThrough}.
 *
 * <p>Producer settings are those of measurement-ingest's Kafka Streams producer: {@code batch.size} 131072, lz4,
 * {@code linger.ms} 100 (Kafka Streams' default, which measurement-ingest keeps), acks=all and idempotence (the client
 * defaults). The consumer reads up to 10 000 records a poll (Kafka Streams' consumer: 1000): each poll costs a flush
 * and a commit, and at 1000 a poll the broker spent about twice the CPU per copied record on the extra produce and
 * commit requests (bench/ingest.sh, 2026-11-27: 5.8-6.4 against 2.8-3.6 us) and the copy ran at about half the rate.
 * Kafka Streams commits once a second (every 100 000 records or more at these rates), so 10 000 is still the finer
 * grain.
 *
 * <p>Usage: {@code PlainPassThrough <bootstrap> <group> <input-topic> <output-topic> <threads> [per-thread|shared]}:
 * each thread has its own consumer in the group and, by default, its own producer (as each stream thread has);
 * {@code shared} gives all threads one producer. The output topic is created with the input topic's partition count
 * if missing. {@code -Dproducer.<name>=<value>} and {@code -Dconsumer.<name>=<value>} override a client setting.
 * Runs until the process is stopped; exits with status 1 when a send or commit fails.
 * {@code PlainPassThrough --create-like <bootstrap> <input-topic> <output-topic>} only creates the output topic.
 */
public final class PlainPassThrough implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final List<Worker> workers = new ArrayList<>();
    private final List<Producer<byte[], byte[]>> producers = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped;
    /** Counted down on the first failure: {@link #awaitFailure} returns. */
    private final CountDownLatch failed = new CountDownLatch(1);
    private volatile boolean running = true;

    private PlainPassThrough(int threads) {
        this.stopped = new CountDownLatch(threads);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--create-like")) {
            createLike(args[1], args[2], args[3]);
            return;
        }
        if (args.length < 5 || args.length > 6 || (args.length == 6 && !args[5].matches("per-thread|shared"))) {
            System.err.println("usage: PlainPassThrough <bootstrap> <group> <input-topic> <output-topic> <threads>"
                    + " [per-thread|shared]");
            System.exit(2);
        }
        createLike(args[0], args[2], args[3]);
        PlainPassThrough copy = start(args[0], args[1], args[2], args[3], Integer.parseInt(args[4]),
                args.length == 6 && args[5].equals("shared"), System.getProperties());
        Thread hook = new Thread(copy::close, "plain-pass-through-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Throwable cause = copy.awaitFailure();
        System.err.println("plain pass-through failed, stopping without committing the failed poll:");
        cause.printStackTrace();
        Runtime.getRuntime().removeShutdownHook(hook);
        copy.close();
        System.exit(1);
    }

    /**
     * Starts {@code threads} copying threads in group {@code group}; {@code overrides} may hold
     * {@code producer.<name>} and {@code consumer.<name>} client settings.
     */
    public static PlainPassThrough start(String bootstrap, String group, String input, String output, int threads,
            boolean sharedProducer, Properties overrides) {
        PlainPassThrough copy = new PlainPassThrough(threads);
        Producer<byte[], byte[]> shared = sharedProducer ? copy.newProducer(bootstrap, overrides) : null;
        for (int i = 0; i < threads; i++) {
            Producer<byte[], byte[]> producer = sharedProducer ? shared : copy.newProducer(bootstrap, overrides);
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings(bootstrap, group, overrides),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            Worker worker = copy.new Worker(consumer, producer, input, output);
            copy.workers.add(worker);
            Thread t = new Thread(worker, "plain-pass-through-" + i);
            t.start();
        }
        return copy;
    }

    /** Waits until a thread failed and returns its error (the first one). */
    public Throwable awaitFailure() throws InterruptedException {
        failed.await();
        return failure.get();
    }

    /** The first send or commit error, or null while none happened. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops the threads after their current poll (each commits what it had copied), then closes the clients. */
    @Override
    public void close() {
        running = false;
        workers.forEach(w -> w.consumer.wakeup());
        try {
            stopped.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (producers) {
            producers.forEach(p -> p.close(Duration.ofSeconds(30)));
            producers.clear();
        }
    }

    static Properties producerSettings(String bootstrap, Properties overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // measurement-ingest's kafka-streams.producer.* settings, and Kafka Streams' linger.ms default it keeps.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "100");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putAll(prefixed(overrides, "producer."));
        return p;
    }

    static Properties consumerSettings(String bootstrap, String group, Properties overrides) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // One flush and one commit per 10 000 records (class Javadoc).
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.putAll(prefixed(overrides, "consumer."));
        return p;
    }

    private static Map<String, String> prefixed(Properties overrides, String prefix) {
        Map<String, String> out = new HashMap<>();
        for (String name : overrides.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), overrides.getProperty(name));
            }
        }
        return out;
    }

    private Producer<byte[], byte[]> newProducer(String bootstrap, Properties overrides) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(bootstrap, overrides),
                new ByteArraySerializer(), new ByteArraySerializer());
        synchronized (producers) {
            producers.add(producer);
        }
        return producer;
    }

    /** Creates {@code output} with {@code input}'s partition count and replication unless it exists. */
    static void createLike(String bootstrap, String input, String output) throws Exception {
        try (Admin admin = DetectorBench.admin(bootstrap)) {
            TopicDescription in = admin.describeTopics(List.of(input)).allTopicNames().get().get(input);
            short replication = (short) in.partitions().get(0).replicas().size();
            admin.createTopics(List.of(new NewTopic(output, in.partitions().size(), replication))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** One consumer's loop: poll, send every record, flush, check the acknowledgements, commit the poll. */
    private final class Worker implements Runnable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Producer<byte[], byte[]> producer;
        private final String input;
        private final String output;
        /** The first error a send callback of this thread saw; checked after each flush. */
        private final AtomicReference<Exception> sendError = new AtomicReference<>();
        private final Callback onAck = (meta, e) -> {
            if (e != null) {
                sendError.compareAndSet(null, e);
            }
        };

        Worker(KafkaConsumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, String input,
                String output) {
            this.consumer = consumer;
            this.producer = producer;
            this.input = input;
            this.output = output;
        }

        @Override
        public void run() {
            try (consumer) {
                consumer.subscribe(List.of(input));
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    if (records.isEmpty()) {
                        continue;
                    }
                    offsets.clear();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        producer.send(new ProducerRecord<>(output, null, r.timestamp(), r.key(), r.value(),
                                r.headers()), onAck);
                    }
                    for (TopicPartition tp : records.partitions()) {
                        List<ConsumerRecord<byte[], byte[]>> of = records.records(tp);
                        offsets.put(tp, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
                    }
                    // Every callback of the flushed records has run when flush returns.
                    producer.flush();
                    Exception e = sendError.get();
                    if (e != null) {
                        throw new IllegalStateException("a record of this poll was not acknowledged; its offsets"
                                + " stay uncommitted", e);
                    }
                    consumer.commitSync(offsets);
                }
            } catch (WakeupException stopping) {
                if (running) {
                    fail(stopping);
                }
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                stopped.countDown();
            }
        }

        private void fail(Throwable e) {
            failure.compareAndSet(null, e);
            running = false;
            failed.countDown();
        }
    }
}
