package dev.surety.detector.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.surety.devstack.testing.SuretyTestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The de-duplication store in a real exactly-once Kafka Streams application on the test broker:
 * after the instance stops and its local state is deleted (as on a new machine, or after
 * exactly-once wiped a crashed task's state), the ids come back from the changelog — duplicates
 * of ids from before the restart, within one commit or across commits, are still dropped.
 */
class SeenIdsStoreRestartTest {

    @TempDir
    Path stateDir;

    private final String run = UUID.randomUUID().toString();
    private final String input = "seen-ids-in-" + run;
    private final String output = "seen-ids-out-" + run;
    private final String app = "seen-ids-restart-" + run;
    private final long t0 = System.currentTimeMillis();

    @Test
    void idsSeenBeforeTheRestartAreStillDuplicatesAfterTheStateIsRestoredFromTheChangelog() throws Exception {
        String bootstrap = SuretyTestInfra.kafkaBootstrap();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(input, 2, (short) 1), new NewTopic(output, 1, (short) 1)))
                    .all().get();
        }
        List<String> seen = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(bootstrap);
             KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            consumer.subscribe(List.of(output));
            KafkaStreams first = start(bootstrap);
            // Partition 0: duplicates within one record (one commit) and across records; partition 1 too.
            send(producer, 0, at("a@0,b@0,a@0"));
            send(producer, 0, at("b@0,c@1"));
            send(producer, 1, at("x@0,x@0"));
            await(consumer, seen, 7);
            first.close(Duration.ofSeconds(30));
            // Deletes the local state: the next start restores every store from its changelog.
            first.cleanUp();
            assertFalse(Files.exists(stateDir.resolve(app).resolve("0_0")), "local state deleted");

            KafkaStreams second = start(bootstrap);
            try {
                send(producer, 0, at("a@0,c@1,d@1,d@1"));
                send(producer, 1, at("x@0,y@0"));
                await(consumer, seen, 13);
            } finally {
                second.close(Duration.ofSeconds(30));
                second.cleanUp();
            }
        }
        assertEquals(List.of("new:a", "new:b", "dup:a", "dup:b", "new:c"), onPartition(seen, "0", 0, 5));
        assertEquals(List.of("new:x", "dup:x"), onPartition(seen, "1", 0, 2));
        assertEquals(List.of("dup:a", "dup:c", "new:d", "dup:d"), onPartition(seen, "0", 5, 9));
        assertEquals(List.of("dup:x", "new:y"), onPartition(seen, "1", 2, 4));
    }

    private KafkaStreams start(String bootstrap) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A closing instance does not leave the group: the next one waits for its session to time out.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        KafkaStreams streams = new KafkaStreams(SeenIdsStoreTest.topology(input, output), p);
        streams.start();
        return streams;
    }

    /**
     * "id@s,..." with s seconds after the test's start: the changelog's records carry their newest id's
     * time, and the broker deletes records older than the horizon plus a day.
     */
    private String at(String idsAtSeconds) {
        StringBuilder out = new StringBuilder();
        for (String idAt : idsAtSeconds.split(",")) {
            String[] p = idAt.split("@");
            out.append(out.isEmpty() ? "" : ",").append(p[0]).append('@').append(t0 + 1000L * Long.parseLong(p[1]));
        }
        return out.toString();
    }

    /** Sends to one input partition, keyed by its number (the output keeps the key). */
    private void send(KafkaProducer<String, String> producer, int partition, String value) throws Exception {
        producer.send(new ProducerRecord<>(input, partition, String.valueOf(partition), value)).get();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "seen-ids-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    /** Reads the output ("partition:value", in order) until it holds {@code count} records. */
    private static void await(KafkaConsumer<String, String> consumer, List<String> seen, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(r.key() + ":" + r.value());
            }
            return seen.size() >= count;
        });
        assertEquals(count, seen.size(), "no more output than expected: " + seen);
    }

    private static List<String> onPartition(List<String> seen, String partition, int from, int to) {
        List<String> values = new ArrayList<>();
        for (String s : seen) {
            if (s.startsWith(partition + ":")) {
                values.add(s.substring(partition.length() + 1));
            }
        }
        return values.subList(from, to);
    }
}
