package dev.surety.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller) in its own JVM, with
 * its log directory in a folder that survives restarts.
 */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    /**
     * Formats {@code dataDir} on first use and starts the broker; returns once it answers.
     *
     * @param port           client listener on localhost
     * @param controllerPort KRaft controller listener on localhost
     */
    public static Process start(int port, int controllerPort, Path dataDir, Path logFile, String heap)
            throws IOException, InterruptedException {
        Path logs = dataDir.resolve("kraft-logs").toAbsolutePath();
        Files.createDirectories(logs);
        Path props = dataDir.resolve("server.properties");
        Files.writeString(props, serverProperties(port, controllerPort, logs));
        Path log4j = dataDir.resolve("log4j2.properties");
        Files.writeString(log4j, """
                status = warn
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
                rootLogger.level = warn
                rootLogger.appenderRef.out.ref = out
                logger.server.name = kafka.server.KafkaRaftServer
                logger.server.level = info
                """);
        List<String> jvm = List.of("-Xms256m", "-Xmx" + heap, "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
        if (!Files.exists(logs.resolve("meta.properties"))) {
            String clusterId = Files.exists(dataDir.resolve("cluster.id"))
                    ? Files.readString(dataDir.resolve("cluster.id")).trim() : randomClusterId();
            Files.writeString(dataDir.resolve("cluster.id"), clusterId);
            // StorageTool calls System.exit, so it gets its own JVM.
            Process format = ChildJvm.start("kafka.tools.StorageTool", jvm,
                    List.of("format", "--cluster-id=" + clusterId, "--config=" + props.toAbsolutePath(), "--ignore-formatted"),
                    logFile, Map.of());
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IOException("formatting Kafka storage failed, see " + logFile);
            }
        }
        Process broker = ChildJvm.start("kafka.Kafka", jvm, List.of(props.toAbsolutePath().toString()),
                logFile, Map.of());
        awaitReady("localhost:" + port, broker, Duration.ofSeconds(90), logFile);
        return broker;
    }

    static String serverProperties(int port, int controllerPort, Path logs) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%2$d
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=false
                # A single broker: every internal topic must make do with one replica, or
                # transactional producers and exactly-once Kafka Streams wait forever.
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                default.replication.factor=1
                min.insync.replicas=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, logs);
    }

    /** Waits until a broker at {@code bootstrap} lists its cluster nodes. */
    public static void awaitReady(String bootstrap, Process process, Duration timeout, Path logFile)
            throws InterruptedException, IOException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        Poll.until(timeout, Duration.ofMillis(250), () -> {
            if (process != null && !process.isAlive()) {
                throw new IOException("Kafka broker exited with " + process.exitValue() + ", see " + logFile);
            }
            try (Admin admin = Admin.create(p)) {
                return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, () -> "Kafka broker at " + bootstrap + " not ready after " + timeout + ", see " + logFile);
    }

    private static String randomClusterId() {
        // Kafka's own generator never starts an id with '-', which a command line would take for an option.
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }
}
