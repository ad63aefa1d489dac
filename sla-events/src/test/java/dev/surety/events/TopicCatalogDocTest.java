package dev.surety.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/events.md lists exactly the catalog: a topic changed in one place and not the other fails here. */
class TopicCatalogDocTest {

    static final Path DOC = Path.of("..", "docs", "events.md");

    /** The table row the document must hold for one topic. */
    static String row(Topic t) {
        String values = t.valueTypes().isEmpty()
                ? "original bytes of the rejected record"
                : t.valueTypes().stream().map(v -> "`" + v.ceType() + "` ([" + v.dataClass().getSimpleName()
                        + "](../sla-events/src/main/resources" + v.schemaResource() + "))")
                        .collect(Collectors.joining("<br>"));
        return "| `" + t.topicName() + "` | " + t.key() + " | " + values + " | " + t.cleanup().kafkaValue()
                + " | " + t.partitions() + " | " + t.replicationFactor() + " | " + t.minInSyncReplicas() + " | "
                + retention(t) + " | " + String.join(", ", t.producers()) + " | "
                + String.join(", ", t.consumers()) + " |";
    }

    /** Retention as the document writes it: whole days, or "forever". */
    static String retention(Topic t) {
        return t.retention().map(d -> d.toDays() + " d").orElse("forever");
    }

    @Test
    void documentListsEveryTopicOfTheCatalogAndNothingElse() throws Exception {
        List<String> documented = Files.readAllLines(DOC).stream()
                .filter(l -> l.startsWith("| `sla."))
                .toList();
        List<String> expected = Stream.of(Topic.values()).map(TopicCatalogDocTest::row).toList();
        assertEquals(String.join("\n", expected), String.join("\n", documented),
                "docs/events.md drifted from the topic catalog (dev.surety.events.Topic)");
    }

    @Test
    void retentionIsWholeDaysAndOnlyTheCompactedTopicKeepsRecordsForever() {
        for (Topic t : Topic.values()) {
            t.retention().ifPresent(d -> assertEquals(0, d.toMillis() % Duration.ofDays(1).toMillis(), t.topicName()));
            assertEquals(t.cleanup() == Topic.Cleanup.COMPACT, t.retention().isEmpty(), t.topicName());
            assertEquals(Long.toString(t.retentionMs()), t.productionConfig().get("retention.ms"), t.topicName());
        }
    }

    @Test
    void productionDurabilityToleratesTheLossOfOneBroker() {
        for (Topic t : Topic.values()) {
            assertEquals(3, t.replicationFactor(), t.topicName());
            assertEquals(2, t.minInSyncReplicas(), t.topicName());
            assertEquals(List.of("cleanup.policy", "retention.ms", "min.insync.replicas"),
                    List.copyOf(t.productionConfig().keySet()), t.topicName());
            // What a single broker creates must stay satisfiable by one replica.
            assertEquals(Map.of("cleanup.policy", t.cleanup().kafkaValue()), t.topicConfig(), t.topicName());
        }
    }

    @Test
    void everyEventTypeIsCarriedByExactlyOneTopic() {
        for (EventType e : EventType.values()) {
            long carriers = Stream.of(Topic.values()).filter(t -> t.valueTypes().contains(e)).count();
            assertEquals(1, carriers, e.ceType());
        }
    }
}
