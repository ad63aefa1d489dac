package dev.surety.deploy.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.deploy.observability.Repository;
import dev.surety.events.Topic;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The topics compose creates ({@code kafka/create-topics.sh}) are the catalog's, with its settings. */
class ComposeTopicsTest {

    static final String SCRIPT = Repository.read(Repository.compose().resolve("kafka/create-topics.sh"));

    /** name → "partitions cleanup retention.ms", as the script's TOPICS table lists them. */
    static Map<String, String> scriptTopics() {
        Matcher table = Pattern.compile("(?s)TOPICS=\\((.*?)\\n\\)").matcher(SCRIPT);
        assertTrue(table.find(), "no TOPICS=( ... ) table in create-topics.sh");
        Map<String, String> topics = new LinkedHashMap<>();
        Matcher row = Pattern.compile("\"(\\S+) (\\d+) (\\w+) (-?\\d+)\"").matcher(table.group(1));
        while (row.find()) {
            topics.put(row.group(1), row.group(2) + " " + row.group(3) + " " + row.group(4));
        }
        return topics;
    }

    @Test
    void scriptCreatesExactlyTheCatalog() {
        Map<String, String> catalog = Stream.of(Topic.values()).collect(Collectors.toMap(Topic::topicName,
                t -> t.partitions() + " " + t.cleanup().kafkaValue() + " " + t.retentionMs(),
                (a, b) -> a, LinkedHashMap::new));
        assertEquals(catalog, scriptTopics());
    }

    @Test
    void durabilityFollowsTheCatalogWhenThereAreEnoughBrokers() {
        // one broker in compose; with the production replication factor the catalog's min.insync.replicas
        assertTrue(SCRIPT.contains("if ((REPLICATION_FACTOR >= " + Topic.PRODUCTION_REPLICATION_FACTOR
                + ")); then MIN_INSYNC=" + Topic.PRODUCTION_MIN_INSYNC_REPLICAS + "; else MIN_INSYNC=1; fi"), SCRIPT);
        assertEquals("1", ComposeFile.main().environment("kafka-topics").get("SURETY_TOPIC_REPLICATION_FACTOR"));
        for (String option : new String[] {"--create --if-not-exists", "--config \"cleanup.policy=$cleanup\"",
                "--config \"retention.ms=$retention\"", "--config \"min.insync.replicas=$MIN_INSYNC\"", "--alter --entity-type topics"}) {
            assertTrue(SCRIPT.contains(option), "create-topics.sh lacks " + option);
        }
    }
}
