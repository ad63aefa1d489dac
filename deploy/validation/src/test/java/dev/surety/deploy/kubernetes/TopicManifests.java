package dev.surety.deploy.kubernetes;

import dev.surety.events.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code deploy/kubernetes/base/kafka/topics.yaml}: one Strimzi KafkaTopic per topic of the catalog
 * ({@link Topic}), with its partitions, production replication factor and {@link Topic#productionConfig()}.
 * {@link KafkaTopicsTest} fails while the committed file differs from what this writes.
 */
public final class TopicManifests {

    /** The command that regenerates the file (also in deploy/kubernetes/README.md). */
    static final String REGENERATE =
            "mvn -o -q -pl deploy/validation test -Dtest=KafkaTopicsTest -Dsurety.regenerate=true";

    /** The Strimzi Kafka cluster the topics belong to (deploy/kubernetes/base/kafka/kafka.yaml). */
    static final String CLUSTER = "surety";

    static final String FILE = "base/kafka/topics.yaml";

    private TopicManifests() {
    }

    /** Kubernetes object name of a topic: its name with dots as dashes (dots are legal but awkward in kubectl). */
    static String objectName(Topic t) {
        return t.topicName().replace('.', '-');
    }

    static String render() {
        StringBuilder y = new StringBuilder();
        y.append("# GENERATED from the topic catalog (sla-events dev.surety.events.Topic) - do not edit.\n")
                .append("# Regenerate after changing the catalog, from the repository root:\n")
                .append("#   ").append(REGENERATE).append('\n');
        for (Topic t : Topic.values()) {
            y.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(objectName(t)).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("    app.kubernetes.io/part-of: surety\n")
                    .append("spec:\n")
                    .append("  topicName: ").append(t.topicName()).append('\n')
                    .append("  partitions: ").append(t.partitions()).append('\n')
                    .append("  replicas: ").append(t.replicationFactor()).append('\n')
                    .append("  config:\n");
            for (Map.Entry<String, String> c : t.productionConfig().entrySet()) {
                y.append("    ").append(c.getKey()).append(": ").append(scalar(c.getValue())).append('\n');
            }
        }
        return y.toString();
    }

    /** Numbers stay numbers (as Strimzi's examples write them); words are plain YAML strings. */
    private static String scalar(String v) {
        return v.matches("-?\\d+") ? v : v.matches("[a-z][a-z,]*") ? v : "\"" + v + "\"";
    }

    static Path file() {
        return Repo.kubernetes().resolve(FILE);
    }

    /** Writes the file; {@code -Dsurety.root=<repository root>} when not run from deploy/validation. */
    public static void main(String[] args) throws IOException {
        Files.writeString(file(), render());
        System.out.println("wrote " + file());
    }
}
