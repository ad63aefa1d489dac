package dev.surety.devstack.testing;

import dev.surety.devstack.EmbeddedKafka;
import dev.surety.devstack.Jwts;
import dev.surety.devstack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The real infrastructure a service's {@code @QuarkusTest}s run against: one in-process Kafka
 * broker (with the catalog's topics), one embedded PostgreSQL server and one token issuer per test
 * JVM, shared by every test class and every Quarkus restart in that JVM.
 *
 * <p>Use it with {@code @QuarkusTestResource(value = SuretyTestInfra.class, restrictToAnnotatedClass = false)}
 * on one test class; tests mint tokens with {@link #tokens()}. Pass init arg {@code postgres=false}
 * for services without a database.
 */
public class SuretyTestInfra implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafka kafka;
    private static PostgresServer postgres;
    private static Jwts tokens;

    private boolean withPostgres = true;

    @Override
    public void init(Map<String, String> initArgs) {
        withPostgres = !"false".equals(initArgs.get("postgres"));
    }

    /** The issuer whose public key the services under test trust. */
    public static synchronized Jwts tokens() {
        if (tokens == null) {
            tokens = Jwts.generate();
        }
        return tokens;
    }

    /** Bootstrap servers of the shared broker (starting it if needed). */
    public static synchronized String kafkaBootstrap() {
        try {
            if (kafka == null) {
                kafka = EmbeddedKafka.start();
                EmbeddedKafka k = kafka;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        k.close();
                    } catch (Exception ignored) {
                        // JVM is exiting
                    }
                }));
            }
            return kafka.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Kafka broker", e);
        }
    }

    /** The shared PostgreSQL server (starting it if needed). */
    public static synchronized PostgresServer postgres() {
        try {
            if (postgres == null) {
                postgres = PostgresServer.start(freePort(), null);
                PostgresServer p = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        p.close();
                    } catch (IOException ignored) {
                        // JVM is exiting
                    }
                }));
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> cfg = new HashMap<>();
        String bootstrap = kafkaBootstrap();
        cfg.put("kafka.bootstrap.servers", bootstrap);
        cfg.put("quarkus.kafka-streams.bootstrap-servers", bootstrap);
        cfg.put("mp.jwt.verify.publickey", tokens().publicKeyBase64());
        cfg.put("mp.jwt.verify.issuer", Jwts.ISSUER);
        if (withPostgres) {
            PostgresServer pg = postgres();
            cfg.put("surety.test.postgres.port", String.valueOf(pg.port()));
            cfg.put("quarkus.datasource.username", PostgresServer.USER);
            cfg.put("quarkus.datasource.password", "");
        }
        return cfg;
    }

    @Override
    public void stop() {
        // Shared across test classes; stopped when the JVM exits.
    }

    /** A plain producer on the shared broker: String keys, raw byte values, acks=all. */
    public static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A plain consumer on the shared broker in a fresh group, reading from the earliest offset and
     * only committed transactions: what a real downstream consumer of exactly-once output sees.
     */
    public static KafkaConsumer<String, byte[]> readCommittedConsumer(String groupPrefix) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
