package dev.surety.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft Kafka cluster inside the current JVM, on a random port, for tests.
 * Starts in about three seconds; the topics of the catalog are created before it is handed out.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final Path baseDir;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path baseDir) {
        this.cluster = cluster;
        this.baseDir = baseDir;
    }

    public static EmbeddedKafka start() throws Exception {
        // Our own folder, not one from Kafka's test utilities: those are deleted by a shutdown hook
        // of their own that can run while the broker still writes, and the broker then halts the
        // JVM with a log-directory failure (exit code 1, which fails the test run).
        Path baseDir = Files.createTempDirectory("surety-test-kafka-");
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setBaseDirectory(baseDir)
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "3")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "3")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .setDeleteOnClose(false)
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        EmbeddedKafka kafka = new EmbeddedKafka(cluster, baseDir);
        Topics.createAll(kafka.bootstrapServers(), (short) 1);
        return kafka;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops the broker, then removes its folder. */
    @Override
    public void close() throws Exception {
        cluster.close();
        Platform.deleteTree(baseDir);
    }
}
