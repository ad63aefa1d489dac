package dev.surety.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.Topic;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** The test infrastructure every service relies on is real and complete. */
class InfraTest {

    @Test
    void brokerHasEveryCatalogTopicWithItsPartitionsAndCleanupPolicy() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        try (Admin admin = Admin.create(p)) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Set<String> expected = Stream.of(Topic.values()).map(Topic::topicName).collect(Collectors.toSet());
            assertTrue(names.containsAll(expected), () -> "missing topics: " + expected + " vs " + names);
            var descriptions = admin.describeTopics(expected).allTopicNames().get(10, TimeUnit.SECONDS);
            for (Topic t : Topic.values()) {
                TopicDescription d = descriptions.get(t.topicName());
                assertEquals(t.partitions(), d.partitions().size(), t.topicName());
            }
            var cfgs = admin.describeConfigs(Stream.of(Topic.values())
                    .map(t -> new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t.topicName()))
                    .toList()).all().get(10, TimeUnit.SECONDS);
            for (Topic t : Topic.values()) {
                var cfg = cfgs.get(new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t.topicName()));
                assertEquals(t.cleanup().kafkaValue(), cfg.get("cleanup.policy").value(), t.topicName());
            }
        }
    }

    @Test
    void postgresHasOneDatabasePerDataOwningService() throws Exception {
        PostgresServer pg = SuretyTestInfra.postgres();
        for (String db : PostgresServer.DATABASES) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), PostgresServer.USER, "");
                 ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
                rs.next();
                assertEquals(db, rs.getString(1));
            }
        }
    }
}
