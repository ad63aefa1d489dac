package dev.surety.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.devstack.testing.SuretyTestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain pass-through against a real broker: every record comes out once with its key, value and headers, the
 * group's committed offsets reach the input's end, and a record the broker refuses stops it without committing.
 */
class PlainPassThroughTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The test JVM's shared broker. */
    private static String bootstrap;

    @BeforeAll
    static void broker() {
        bootstrap = SuretyTestInfra.kafkaBootstrap();
    }

    @ParameterizedTest(name = "shared producer: {0}")
    @ValueSource(booleans = {false, true})
    void everyRecordComesOutOnceUnchangedAndTheGroupCommitsToTheEnd(boolean shared) throws Exception {
        String input = "plain-in-" + shared;
        String output = "plain-out-" + shared;
        String group = "plain-" + shared;
        createTopic(input, 4, Map.of());
        PlainPassThrough.createLike(bootstrap, input, output);
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 5000; i++) {
                byte[] key = i % 7 == 0 ? null : bytes("key-" + i % 50);
                RecordHeaders headers = new RecordHeaders();
                headers.add("ce_id", bytes("id-" + i));
                if (i % 3 == 0) {
                    headers.add("ce_type", bytes("type-" + i % 5));
                }
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(input, null, key, bytes("value-" + i),
                        headers);
                producer.send(r);
                sent.add(describe(key, r.value(), headers));
            }
        }
        try (PlainPassThrough copy = PlainPassThrough.start(bootstrap, group, input, output, 2, shared,
                new Properties())) {
            try (Admin admin = admin()) {
                Poll.until(WAIT, Duration.ofMillis(100), () -> committed(admin, group, input) >= sent.size(),
                        () -> "the group did not commit " + sent.size() + " records");
                Map<TopicPartition, Long> ends = TopicName.endOffsets(admin, input);
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                ends.forEach((tp, end) -> assertEquals(end, offsets.get(tp).offset(), tp::toString));
            }
            assertNull(copy.failure());
        }
        List<String> out = readAll(output, sent.size());
        assertEquals(sent.stream().sorted().toList(), out.stream().sorted().toList());
    }

    @Test
    void aRecordTheBrokerRefusesStopsItWithTheErrorAndItsOffsetStaysUncommitted() throws Exception {
        String input = "plain-in-refused";
        String output = "plain-out-refused";
        String group = "plain-refused";
        createTopic(input, 1, Map.of());
        createTopic(output, 1, Map.of("max.message.bytes", "10000"));
        try (KafkaProducer<byte[], byte[]> producer = producer();
                Admin admin = admin();
                PlainPassThrough copy = PlainPassThrough.start(bootstrap, group, input, output, 1,
                        false, new Properties())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(input, bytes("small-" + i))).get();
            }
            Poll.until(WAIT, Duration.ofMillis(100), () -> committed(admin, group, input) == 10,
                    () -> "the group did not commit the 10 small records");
            // Random bytes: lz4 cannot shrink them under the output topic's limit.
            byte[] big = new byte[50_000];
            new Random(42).nextBytes(big);
            producer.send(new ProducerRecord<>(input, big)).get();
            Poll.until(WAIT, Duration.ofMillis(100), () -> copy.failure() != null,
                    () -> "the pass-through did not fail on the refused record");
            assertInstanceOf(RecordTooLargeException.class, copy.failure().getCause());
            assertEquals(10, committed(admin, group, input));
        }
        List<String> small = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            small.add("null|small-" + i + "|");
        }
        assertEquals(small, readAll(output, 10));
    }

    private static long committed(Admin admin, String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code count} records from the start of {@code topic} and no more within a short grace. */
    private static List<String> readAll(String topic, int count) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(describe(r.key(), r.value(), r.headers()));
                }
            }
            // Anything beyond the expected records (a duplicate) would arrive with them or right after.
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                out.add(describe(r.key(), r.value(), r.headers()));
            }
        }
        assertEquals(count, out.size(), "records on " + topic);
        return out;
    }

    private static String describe(byte[] key, byte[] value, Iterable<Header> headers) {
        StringBuilder sb = new StringBuilder(key == null ? "null" : new String(key, StandardCharsets.UTF_8));
        sb.append('|').append(new String(value, StandardCharsets.UTF_8)).append('|');
        for (Header h : headers) {
            sb.append(h.key()).append('=').append(Arrays.toString(h.value())).append(';');
        }
        return sb.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    private static void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(new HashMap<>(configs))))
                    .all().get(30, TimeUnit.SECONDS);
            // The broker answers for a new topic's partitions a moment after creating it.
            Poll.until(WAIT, Duration.ofMillis(100), () -> {
                try {
                    return TopicName.endOffsets(admin, name).size() == partitions;
                } catch (InterruptedException | ExecutionException notYet) {
                    return false;
                }
            }, () -> name + " did not appear");
        }
    }
}
