package dev.surety.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.surety.events.Topic;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The KafkaTopics a cluster gets are the topic catalog, and the cluster can hold them. */
class KafkaTopicsTest {

    @Test
    void committedTopicsFileIsGeneratedFromTheCatalog() throws Exception {
        String expected = TopicManifests.render();
        if (Boolean.getBoolean("surety.regenerate")) {
            TopicManifests.main(new String[0]);
        }
        String committed = Files.exists(TopicManifests.file()) ? Files.readString(TopicManifests.file()) : "";
        if (!expected.equals(committed)) {
            fail("deploy/kubernetes/" + TopicManifests.FILE + " differs from the topic catalog "
                    + "(sla-events dev.surety.events.Topic); run `" + TopicManifests.REGENERATE
                    + "` from the repository root to regenerate it, and commit the result");
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyCatalogTopicIsOneKafkaTopicWithItsPartitionsCleanupAndRetention(Overlay overlay) {
        List<Map<String, Object>> topics = overlay.render().ofKind("KafkaTopic");
        Set<String> names = topics.stream().map(t -> (String) Manifests.at(t, "spec", "topicName"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> catalog = Stream.of(Topic.values()).map(Topic::topicName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalog, names, overlay + ": KafkaTopics vs catalog");
        assertEquals(catalog.size(), topics.size(), overlay + ": one KafkaTopic per topic");
        for (Topic t : Topic.values()) {
            Map<String, Object> kt = topic(topics, t);
            String where = overlay + " " + t.topicName();
            assertEquals(TopicManifests.CLUSTER, Manifests.at(kt, "metadata", "labels", "strimzi.io/cluster"), where);
            assertEquals(t.partitions(), Manifests.at(kt, "spec", "partitions"), where);
            assertEquals(t.cleanup().kafkaValue(), config(kt, "cleanup.policy"), where);
            assertEquals(Long.toString(t.retentionMs()), config(kt, "retention.ms"), where);
        }
    }

    @Test
    void productionTopicsHaveTheCatalogsReplicationAndMinInSyncReplicas() {
        for (Topic t : Topic.values()) {
            Map<String, Object> kt = topic(Overlay.PROD.render().ofKind("KafkaTopic"), t);
            assertEquals(t.replicationFactor(), Manifests.at(kt, "spec", "replicas"), t.topicName());
            assertEquals(Integer.toString(t.minInSyncReplicas()), config(kt, "min.insync.replicas"), t.topicName());
        }
    }

    @Test
    void devTopicsFitOneBroker() {
        for (Map<String, Object> kt : Overlay.DEV.render().ofKind("KafkaTopic")) {
            assertEquals(1, Manifests.at(kt, "spec", "replicas"), Kustomize.name(kt));
            assertEquals("1", config(kt, "min.insync.replicas"), Kustomize.name(kt));
        }
    }

    /**
     * Whatever the overlay: no topic (catalog or internal: offsets, transactions, Kafka Streams' changelogs
     * through default.replication.factor) asks for more replicas than there are brokers, and no min ISR is
     * larger than its replication factor; either would stop every acks=all producer.
     */
    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theClusterHasEnoughBrokersForEveryReplicationSetting(Overlay overlay) {
        Manifests m = overlay.render();
        List<Map<String, Object>> kafkas = m.ofKind("Kafka");
        assertEquals(1, kafkas.size(), overlay + ": one Kafka cluster");
        assertEquals(TopicManifests.CLUSTER, Kustomize.name(kafkas.get(0)));
        int brokers = m.ofKind("KafkaNodePool").stream()
                .filter(p -> TopicManifests.CLUSTER.equals(Manifests.at(p, "metadata", "labels", "strimzi.io/cluster")))
                .filter(p -> ((List<?>) Manifests.at(p, "spec", "roles")).contains("broker"))
                .mapToInt(p -> (Integer) Manifests.at(p, "spec", "replicas")).sum();
        assertTrue(brokers >= 1, overlay + ": brokers");
        boolean controllers = m.ofKind("KafkaNodePool").stream()
                .anyMatch(p -> ((List<?>) Manifests.at(p, "spec", "roles")).contains("controller"));
        assertTrue(controllers, overlay + ": a KRaft controller pool");
        for (Map<String, Object> kt : m.ofKind("KafkaTopic")) {
            int replicas = (Integer) Manifests.at(kt, "spec", "replicas");
            assertTrue(replicas <= brokers, overlay + " " + Kustomize.name(kt) + ": " + replicas + " replicas, "
                    + brokers + " brokers");
            assertTrue(Integer.parseInt(config(kt, "min.insync.replicas")) <= replicas, overlay + " " + Kustomize.name(kt));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) Manifests.at(kafkas.get(0), "spec", "kafka", "config");
        for (String rf : List.of("default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor", "share.coordinator.state.topic.replication.factor")) {
            assertTrue(config.containsKey(rf), overlay + ": " + rf + " set");
            assertTrue(((Number) config.get(rf)).intValue() <= brokers, overlay + ": " + rf + " > brokers");
        }
        int defaultRf = ((Number) config.get("default.replication.factor")).intValue();
        assertTrue(((Number) config.get("min.insync.replicas")).intValue() <= defaultRf, overlay + ": min.insync.replicas");
        assertTrue(((Number) config.get("transaction.state.log.min.isr")).intValue()
                <= ((Number) config.get("transaction.state.log.replication.factor")).intValue(), overlay + ": txn min isr");
        assertTrue(((Number) config.get("share.coordinator.state.topic.min.isr")).intValue()
                <= ((Number) config.get("share.coordinator.state.topic.replication.factor")).intValue(), overlay + ": share min isr");
        assertFalse((Boolean) config.get("auto.create.topics.enable"), overlay + ": topics only from the catalog");
    }

    private static Map<String, Object> topic(List<Map<String, Object>> topics, Topic t) {
        return topics.stream().filter(k -> t.topicName().equals(Manifests.at(k, "spec", "topicName")))
                .findFirst().orElseThrow(() -> new AssertionError("no KafkaTopic for " + t.topicName()));
    }

    private static String config(Map<String, Object> kafkaTopic, String key) {
        Object v = Manifests.at(kafkaTopic, "spec", "config", key);
        return v == null ? null : v.toString();
    }
}
