package dev.surety.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.Topic;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's broker and database run as separate processes, keep their data across a stop
 * and a start, and leave no process behind.
 */
class LocalStackRestartTest {

    @Test
    void dataSurvivesARestartAndStopLeavesNoProcess(@TempDir Path home) throws Exception {
        Platform.Ports ports = new Platform.Ports(freePort(), freePort(), freePort(), Map.of());
        Platform platform = new Platform(Path.of("."), home, ports, Map.of());
        String topic = Topic.AGREEMENTS.topicName();
        try {
            platform.startInfrastructure();
            assertEquals(List.of("kafka", "postgres"), List.copyOf(platform.running().keySet()));
            try (KafkaProducer<byte[], byte[]> p = producer(platform)) {
                p.send(new ProducerRecord<>(topic, 0, "k".getBytes(StandardCharsets.UTF_8),
                        "kept".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
            }
            try (Connection c = db(ports)) {
                c.createStatement().execute("create table kept (v text); insert into kept values ('row')");
            }
            List<String> stopped = platform.stop();
            assertEquals(2, stopped.size(), stopped.toString());
            assertTrue(platform.running().isEmpty());

            platform.startInfrastructure();
            try (Connection c = db(ports); ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
                assertTrue(rs.next());
                assertEquals("row", rs.getString(1));
            }
            assertEquals("kept", firstValue(platform, topic));
        } finally {
            platform.stop();
        }
        assertTrue(platform.running().isEmpty(), "left running: " + platform.running());
    }

    private static Connection db(Platform.Ports ports) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + ports.postgres() + "/agreements",
                PostgresServer.USER, "");
    }

    private static KafkaProducer<byte[], byte[]> producer(Platform platform) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String firstValue(Platform platform, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            for (int i = 0; i < 50; i++) {
                var records = c.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    return new String(records.iterator().next().value(), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
