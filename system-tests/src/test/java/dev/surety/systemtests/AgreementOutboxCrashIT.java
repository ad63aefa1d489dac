package dev.surety.systemtests;

import static dev.surety.systemtests.StackClient.freePort;
import static dev.surety.systemtests.StackClient.get;
import static dev.surety.systemtests.StackClient.post;
import static dev.surety.systemtests.StackClient.send;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.devstack.Platform;
import dev.surety.devstack.Platform.Service;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.Topic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox under a crash: agreement-service commits three versions while its relay
 * cannot reach the broker, is killed with SIGKILL before publishing anything, and a fresh instance
 * publishes the three snapshots exactly once, in version order.
 */
class AgreementOutboxCrashIT {

    private static Platform platform;
    private static Path home;
    private static Platform.Ports ports;
    private static StackClient stack;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        Path root = Path.of(System.getProperty("surety.root", "..")).toAbsolutePath().normalize();
        home = root.resolve("system-tests/target/outbox-crash-" + System.currentTimeMillis());
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            servicePorts.put(s, freePort());
        }
        ports = new Platform.Ports(freePort(), freePort(), freePort(), servicePorts);
        platform = new Platform(root, home, ports, Map.of());
        try {
            platform.startInfrastructure();
        } catch (Exception e) {
            platform.stop();
            throw e;
        }
        stack = new StackClient(platform.kafkaBootstrap());
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        if (platform != null) {
            platform.stop();
            assertTrue(platform.running().isEmpty(), "processes left behind: " + platform.running());
        }
    }

    @Test
    void versionsCommittedBeforeASigkillArePublishedOnceInOrderByTheNextInstance() throws Exception {
        Path root = Path.of(System.getProperty("surety.root", "..")).toAbsolutePath().normalize();
        // The same installation, but this instance's Kafka address leads nowhere: its relay keeps
        // every committed snapshot in the outbox.
        Platform cutOff = new Platform(root, home, ports,
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + freePort(), "SURETY_AGREEMENT_OUTBOX_BACKLOG_INTERVAL", "1s"));
        String url = platform.url(Service.AGREEMENT);
        String admin = platform.tokens().mint("pat", null, "provider-admin");
        Process first = cutOff.startService(Service.AGREEMENT);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> get(url + "/q/health/live", null).statusCode() == 200);

        String body = EndToEndIT.agreement(Instant.parse("2026-01-01T00:00:00Z"), "CALENDAR_MONTH")
                .replace("\"status\": \"ACTIVE\", ", "");
        HttpResponse<String> created = post(url + "/v1/agreements", admin, body);
        assertEquals(201, created.statusCode(), created.body());
        String id = EventCodec.mapper().readTree(created.body()).path("id").asText();
        HttpResponse<String> updated = send(url + "/v1/agreements/" + id, admin, "PUT",
                body.replace("E2E shop availability", "E2E shop availability, renamed"), Map.of("If-Match", "\"1\""));
        assertEquals(200, updated.statusCode(), updated.body());
        HttpResponse<String> activated = send(url + "/v1/agreements/" + id + "/lifecycle", admin, "POST",
                "{\"status\": \"ACTIVE\"}", Map.of("If-Match", "\"2\""));
        assertEquals(200, activated.statusCode(), activated.body());
        // Three committed, unpublished snapshots wait in the outbox.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(url + "/q/metrics", null).body().lines()
                        .anyMatch(l -> l.startsWith("surety_outbox_pending") && l.endsWith(" 3.0")));

        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue(), "killed by SIGKILL");
        assertTrue(snapshotsOf(id).isEmpty(), "nothing was published before the crash");

        Process second = platform.startService(Service.AGREEMENT);
        platform.awaitReady(Service.AGREEMENT, second, Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> snapshotsOf(id).size() >= 3);
        // Give the relay time to publish anything twice, then check there is no double.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        List<ConsumerRecord<String, byte[]>> records = snapshotsOf(id);
        List<AgreementSnapshot> snapshots = records.stream()
                .map(r -> EventCodec.decode(r.value(), AgreementSnapshot.class)).toList();
        assertEquals(List.of(1, 2, 3), snapshots.stream().map(AgreementSnapshot::version).toList());
        assertEquals("E2E shop availability, renamed", snapshots.get(1).name());
        assertEquals(AgreementStatus.ACTIVE, snapshots.get(2).status());
        assertEquals(3, records.stream().map(r -> CloudEvents.header(r.headers(), CloudEvents.H_ID)).distinct().count());

        JsonNode now = EventCodec.mapper().readTree(get(url + "/v1/agreements/" + id, admin).body());
        assertEquals(3, now.path("version").asInt(), now.toString());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(url + "/q/metrics", null).body().lines()
                        .anyMatch(l -> l.startsWith("surety_outbox_pending") && l.endsWith(" 0.0")));
    }

    private List<ConsumerRecord<String, byte[]>> snapshotsOf(String agreementId) {
        return stack.allRecords(Topic.AGREEMENTS).stream().filter(r -> agreementId.equals(r.key())).toList();
    }
}
