package dev.surety.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                + " | " + t.partitions() + " | " + String.join(", ", t.producers()) + " | "
                + String.join(", ", t.consumers()) + " |";
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
    void everyEventTypeIsCarriedByExactlyOneTopic() {
        for (EventType e : EventType.values()) {
            long carriers = Stream.of(Topic.values()).filter(t -> t.valueTypes().contains(e)).count();
            assertEquals(1, carriers, e.ceType());
        }
    }
}
