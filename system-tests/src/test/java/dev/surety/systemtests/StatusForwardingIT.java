package dev.surety.systemtests;

import static dev.surety.systemtests.StackClient.freePort;
import static dev.surety.systemtests.StackClient.get;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.surety.devstack.Platform;
import dev.surety.devstack.Platform.Service;
import dev.surety.events.EventCodec;
import dev.surety.events.Measurement;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live status with two breach-detector processes sharing the measurement partitions: whichever
 * instance a request reaches, it answers with the state of the instance owning each objective
 * (forwarded over HTTP with the caller's token), tenant scoping holds across the hop, and while the
 * partitions move after one instance stops the answer is the state or a 503 with Retry-After.
 */
class StatusForwardingIT {

    private static final int AGREEMENTS = 6;
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final Pattern FORWARDED = Pattern.compile("(?m)^surety_status_forwarded_total(?:\\{[^}]*})? (\\S+)$");

    private static Platform platform;
    private static Platform second;
    private static StackClient stack;
    private static Process detector2;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("surety.root", "..")).toAbsolutePath().normalize();
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            servicePorts.put(s, freePort());
        }
        Path home = root.resolve("system-tests/target/status-forwarding-" + System.currentTimeMillis());
        Platform.Ports ports = new Platform.Ports(freePort(), freePort(), freePort(), servicePorts);
        platform = new Platform(root, home, ports, Map.of());
        try {
            platform.startInfrastructure();
            // The second detector: same broker and application id, its own port, state directory, logs and PID file.
            Map<Service, Integer> secondPorts = new EnumMap<>(servicePorts);
            secondPorts.put(Service.DETECTOR, freePort());
            second = new Platform(root, home.resolve("second"),
                    new Platform.Ports(ports.kafka(), ports.kafkaController(), ports.postgres(), secondPorts),
                    Map.of("KAFKA_STREAMS_STATE_DIR", home.resolve("second/data/streams/breach-detector").toString(),
                            "MP_JWT_VERIFY_PUBLICKEY", platform.tokens().publicKeyBase64()));
            Process detector1 = platform.startService(Service.DETECTOR);
            detector2 = second.startService(Service.DETECTOR);
            platform.awaitReady(Service.DETECTOR, detector1, Duration.ofSeconds(180));
            second.awaitReady(Service.DETECTOR, detector2, Duration.ofSeconds(180));
        } catch (Exception e) {
            stopAll();
            throw e;
        }
        stack = new StackClient(platform.kafkaBootstrap());
    }

    @AfterAll
    static void stop() throws Exception {
        stopAll();
        assertTrue(platform.running().isEmpty(), "processes left behind: " + platform.running());
        assertTrue(second.running().isEmpty(), "processes left behind: " + second.running());
    }

    private static void stopAll() throws Exception {
        if (second != null) {
            second.stop();
        }
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void anyInstanceAnswersWithTheOwnersStateAndTheTenantRulesHoldAcrossTheHop() throws Exception {
        String[] instances = {platform.url(Service.DETECTOR), second.url(Service.DETECTOR)};
        String ops = platform.tokens().mint("olga", null, "ops");
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        Instant from = base.minus(Duration.ofHours(1));

        // Six agreements spread over the six measurement partitions, each with its own counts and one breach.
        Map<String, long[]> counts = new LinkedHashMap<>();
        try (DetectorFeed feed = new DetectorFeed(stack)) {
            for (int i = 0; i < AGREEMENTS; i++) {
                String id = "fwd-" + i + "-" + UUID.randomUUID();
                feed.publish(DetectorFeed.agreement(id, "acme", from, Duration.ofMinutes(5), "99",
                        Duration.ZERO, List.of()));
                counts.put(id, new long[] {100L * (i + 1), 100L * (i + 2)});
            }
            for (String id : counts.keySet()) {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() ->
                        get(instances[0] + "/v1/status/" + id, ops).statusCode() == 200
                                && get(instances[1] + "/v1/status/" + id, ops).statusCode() == 200);
            }
            int i = 0;
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                // A good minute, then a bad one that opens a breach: good = 100 (i+1), total = 100 (i+2).
                feed.measure(e.getKey(), "acme", base.plusSeconds(i), 100L * (i + 1), 100L * (i + 1));
                feed.measure(e.getKey(), "acme", base.plusSeconds(60 + i), 0, 100);
                i++;
            }
            feed.flush();
        }

        // Both instances converge on the same, right answer for every agreement.
        for (String id : counts.keySet()) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String instance : instances) {
                    assertRight(id, counts.get(id), get(instance + "/v1/status/" + id, ops));
                }
            });
        }

        // Now one round on each instance: every agreement's key is owned by exactly one of the two,
        // so exactly one of its two requests is forwarded — and both answers are equal.
        double forwardedBefore = forwarded(instances[0]) + forwarded(instances[1]);
        for (String id : counts.keySet()) {
            List<JsonNode> answers = new ArrayList<>();
            for (String instance : instances) {
                HttpResponse<String> r = get(instance + "/v1/status/" + id, ops);
                assertRight(id, counts.get(id), r);
                answers.add(withoutAsOf(r.body()));
            }
            assertEquals(answers.get(0), answers.get(1), "both instances answer the same for " + id);
        }
        assertEquals(AGREEMENTS, forwarded(instances[0]) + forwarded(instances[1]) - forwardedBefore, 0.0,
                "one forwarded request per agreement");

        // Tenant scoping holds on the owner too: the customer of acme sees its agreements wherever it asks,
        // another tenant's customer gets 404 from either instance.
        String carol = platform.tokens().mint("carol", "acme", "customer");
        String eve = platform.tokens().mint("eve", "globex", "customer");
        for (String id : counts.keySet()) {
            for (String instance : instances) {
                assertRight(id, counts.get(id), get(instance + "/v1/status/" + id, carol));
                assertEquals(404, get(instance + "/v1/status/" + id, eve).statusCode());
                assertEquals(200, get(instance + "/v1/status/" + id + "/objectives/" + DetectorFeed.OBJECTIVE, carol)
                        .statusCode());
            }
        }

        // The second instance stops: its partitions move to the first, which answers 503 + Retry-After
        // while they move, then the whole state again.
        second.stop();
        for (String id : counts.keySet()) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> r = get(instances[0] + "/v1/status/" + id, ops);
                if (r.statusCode() == 503) {
                    assertTrue(r.headers().firstValue("Retry-After").isPresent(), "503 names a Retry-After");
                    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                    return false;
                }
                assertRight(id, counts.get(id), r);
                return true;
            });
        }
    }

    /** The figures the input dictates: window counts, SLI, breaching and the one open breach with its id. */
    private static void assertRight(String agreementId, long[] goodTotal, HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = EventCodec.mapper().readTree(r.body());
        assertEquals(agreementId, body.path("agreementId").asText());
        JsonNode o = body.path("objectives").path(0);
        assertEquals(goodTotal[0], o.path("window").path("good").asLong(), r.body());
        assertEquals(goodTotal[1], o.path("window").path("total").asLong(), r.body());
        assertTrue(o.path("breaching").asBoolean(), r.body());
        JsonNode breach = o.path("openBreaches").path(0);
        Instant openedAt = Instant.parse(breach.path("since").asText());
        String key = Measurement.key(agreementId, DetectorFeed.OBJECTIVE);
        assertEquals(UUID.nameUUIDFromBytes((key + "|" + openedAt).getBytes(StandardCharsets.UTF_8)).toString(),
                breach.path("breachId").asText());
        assertEquals(1, o.path("openBreaches").size());
    }

    private static JsonNode withoutAsOf(String body) throws Exception {
        ObjectNode n = (ObjectNode) EventCodec.mapper().readTree(body);
        n.remove("asOf");
        return n;
    }

    private static double forwarded(String instance) throws Exception {
        HttpResponse<String> r = get(instance + "/q/metrics", null);
        assertEquals(200, r.statusCode());
        Matcher m = FORWARDED.matcher(r.body());
        assertTrue(m.find(), "surety_status_forwarded_total is exported");
        return Double.parseDouble(m.group(1));
    }
}
