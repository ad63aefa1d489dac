package dev.surety.systemtests;

import static dev.surety.systemtests.StackClient.freePort;
import static dev.surety.systemtests.StackClient.get;
import static dev.surety.systemtests.StackClient.post;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.surety.devstack.Platform;
import dev.surety.devstack.Platform.Service;
import dev.surety.events.BreachOpened;
import dev.surety.events.CloudEvents;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CreditIssued;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.RawMetric;
import dev.surety.events.Topic;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The thin slice as a user meets it: the local stack (a Kafka broker JVM and a PostgreSQL server)
 * and the four packaged services as separate processes; an agreement created over HTTP; metric
 * events published by a plain Kafka producer; the breach, the final compliance and exactly one
 * credit observed on their topics and over REST.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static Platform platform;
    private static StackClient stack;
    private static String adminToken;
    private static String billingToken;

    @BeforeAll
    static void startPlatform() throws Exception {
        Path root = Path.of(System.getProperty("surety.root", "..")).toAbsolutePath().normalize();
        Path home = root.resolve("system-tests/target/e2e-" + System.currentTimeMillis());
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            servicePorts.put(s, freePort());
        }
        Platform.Ports ports = new Platform.Ports(freePort(), freePort(), freePort(), servicePorts);
        // Short grace so a 20-second period turns final quickly.
        platform = new Platform(root, home, ports, Map.of("SURETY_DETECTOR_GRACE", "PT2S"));
        try {
            platform.startInfrastructure();
            platform.startServices();
            stack = new StackClient(platform.kafkaBootstrap());
        } catch (Exception e) {
            platform.stop();
            throw e;
        }
        adminToken = platform.tokens().mint("pat", null, "provider-admin");
        billingToken = platform.tokens().mint("bill", null, "billing");
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.stop();
            assertTrue(platform.running().isEmpty(), "processes left behind: " + platform.running());
        }
    }

    @Test
    @Order(1)
    void everyServiceIsReadyAndDocumentsItsApiAndMetrics() throws Exception {
        for (Service s : Service.values()) {
            HttpResponse<String> ready = get(platform.url(s) + "/q/health/ready", null);
            assertEquals(200, ready.statusCode(), s.module + ": " + ready.body());
            assertEquals("UP", JSON.readTree(ready.body()).path("status").asText(), s.module);

            HttpResponse<String> openapi = get(platform.url(s) + "/q/openapi?format=json", null);
            assertEquals(200, openapi.statusCode(), s.module);
            assertTrue(JSON.readTree(openapi.body()).has("paths"), s.module);

            HttpResponse<String> metrics = get(platform.url(s) + "/q/metrics", null);
            assertEquals(200, metrics.statusCode(), s.module);
            assertPromtoolAccepts(s.module, metrics.body());
        }
        JsonNode agreementPaths = JSON.readTree(get(platform.url(Service.AGREEMENT) + "/q/openapi?format=json", null)
                .body()).path("paths");
        assertTrue(agreementPaths.has("/v1/agreements"), agreementPaths.toString());
        JsonNode creditPaths = JSON.readTree(get(platform.url(Service.CREDIT) + "/q/openapi?format=json", null)
                .body()).path("paths");
        assertTrue(creditPaths.has("/v1/credits"), creditPaths.toString());
    }

    @Test
    @Order(2)
    void endpointsRejectMissingTokensWrongRolesAndMalformedAgreements() throws Exception {
        String url = platform.url(Service.AGREEMENT) + "/v1/agreements";
        assertEquals(401, post(url, null, agreement(Instant.now(), "PT20S")).statusCode());
        String agent = platform.tokens().mint("agent-1", "acme", "agent");
        assertEquals(403, post(url, agent, agreement(Instant.now(), "PT20S")).statusCode());
        assertEquals(401, get(platform.url(Service.CREDIT) + "/v1/credits", null).statusCode());

        HttpResponse<String> bad = post(url, adminToken,
                agreement(Instant.now(), "PT20S").replace("\"target\": 99.9", "\"target\": 150"));
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                bad.headers().toString());
        assertTrue(bad.body().contains("objectives[0].target"), bad.body());
    }

    @Test
    @Order(3)
    void metricsBreakingTheObjectiveEndInABreachAFinalComplianceAndExactlyOneCredit() throws Exception {
        String service = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        // The period starts a few seconds after the agreement is created, so every service has
        // the agreement before its first measurement.
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
        HttpResponse<String> created = post(platform.url(Service.AGREEMENT) + "/v1/agreements", adminToken,
                agreement(start, "PT20S").replace("checkout-api", service));
        assertEquals(201, created.statusCode(), created.body());
        String agreementId = JSON.readTree(created.body()).path("id").asText();
        HttpResponse<String> fetched = get(platform.url(Service.AGREEMENT) + "/v1/agreements/" + agreementId,
                adminToken);
        assertEquals(200, fetched.statusCode(), fetched.body());

        try (KafkaProducer<String, byte[]> producer = stack.producer()) {
            String topic = Topic.METRICS_RAW.topicName();
            producer.send(new ProducerRecord<>(topic, "agent-e2e", "{\"service\": ".getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
            // One sample a second across the 20-second period, stamped in the middle of each second:
            // 100 requests each, 80 good in seconds 6..10 -> 100 bad of 2000 = 95.000000 %, below the
            // 99 % tier -> a 25 % credit.
            for (int k = 0; k < 20; k++) {
                Instant ts = start.plusSeconds(k).plusMillis(500);
                long wait = Duration.between(Instant.now(), ts).toMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                long good = k >= 6 && k < 11 ? 80 : 100;
                RawMetric m = new RawMetric(UUID.randomUUID().toString(), "agent-e2e", service, "http_requests",
                        Map.of(), ts, null, good, 100L);
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, null, ts.toEpochMilli(),
                        "agent-e2e/" + service, EventCodec.encode(m));
                CloudEvents.write(r.headers(), EventType.RAW_METRIC, m.id(), "/agents/e2e", ts, service);
                producer.send(r).get(10, TimeUnit.SECONDS);
            }
        }

        ConsumerRecord<String, byte[]> dead = stack.awaitRecord(Topic.METRICS_DLQ,
                r -> "agent-e2e".equals(r.key()), Duration.ofSeconds(60));
        assertFalse(CloudEvents.header(dead.headers(), "surety-dlq-reason").isBlank());
        assertEquals("{\"service\": ", new String(dead.value(), StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> opened = stack.awaitRecord(Topic.BREACHES,
                r -> CloudEvents.type(r.headers()) == EventType.BREACH_OPENED
                        && EventCodec.decode(r.value(), BreachOpened.class).agreementId().equals(agreementId),
                Duration.ofSeconds(60));
        BreachOpened breach = EventCodec.decode(opened.value(), BreachOpened.class);
        assertTrue(!breach.openedAt().isBefore(start.plusSeconds(6)) && breach.openedAt().isBefore(start.plusSeconds(11)),
                "breach opened at the first bad sample: " + breach);

        ConsumerRecord<String, byte[]> compliance = stack.awaitRecord(Topic.COMPLIANCE,
                r -> {
                    ComplianceRecord c = EventCodec.decode(r.value(), ComplianceRecord.class);
                    return c.agreementId().equals(agreementId) && c.status() == ComplianceStatus.FINAL;
                }, Duration.ofSeconds(90));
        ComplianceRecord finalRecord = EventCodec.decode(compliance.value(), ComplianceRecord.class);
        assertEquals(start, finalRecord.periodStart());
        assertEquals(0, new BigDecimal("95").compareTo(finalRecord.attainment()), finalRecord.toString());
        assertFalse(finalRecord.met());

        ConsumerRecord<String, byte[]> credit = stack.awaitRecord(Topic.CREDITS,
                r -> CloudEvents.type(r.headers()) == EventType.CREDIT_ISSUED
                        && EventCodec.decode(r.value(), CreditIssued.class).agreementId().equals(agreementId),
                Duration.ofSeconds(60));
        CreditIssued issued = EventCodec.decode(credit.value(), CreditIssued.class);
        assertEquals(new BigDecimal("250.00"), issued.amount());
        assertEquals("EUR", issued.currency());
        assertEquals(EventType.CREDIT_ISSUED, CloudEvents.type(credit.headers()));

        // Over REST, billing sees exactly one credit for the period; another tenant sees none.
        String creditsUrl = platform.url(Service.CREDIT) + "/v1/credits?agreementId=" + agreementId;
        await().atMost(Duration.ofSeconds(30)).until(() -> items(get(creditsUrl, billingToken)).size() == 1);
        JsonNode restCredit = items(get(creditsUrl, billingToken)).get(0);
        assertEquals(0, new BigDecimal("250.00").compareTo(new BigDecimal(restCredit.path("amount").asText())));
        String globex = platform.tokens().mint("bob", "globex", "customer");
        assertEquals(0, items(get(creditsUrl, globex)).size());
        String acme = platform.tokens().mint("alice", "acme", "customer");
        assertEquals(1, items(get(creditsUrl, acme)).size());

        // Still exactly one credit event for the agreement a while later (no doubles).
        Thread.sleep(3000);
        assertEquals(1, stack.allRecords(Topic.CREDITS).stream()
                .filter(r -> CloudEvents.type(r.headers()) == EventType.CREDIT_ISSUED)
                .filter(r -> EventCodec.decode(r.value(), CreditIssued.class).agreementId().equals(agreementId))
                .count());
    }

    static String agreement(Instant effectiveFrom, String period) {
        return """
                {"name": "E2E shop availability", "status": "ACTIVE", "customer": "acme", "provider": "E2E Hosting",
                 "service": "checkout-api", "timeZone": "Europe/Berlin", "effectiveFrom": "%s",
                 "objectives": [{"id": "availability", "name": "Availability", "sliKind": "RATIO",
                   "selector": {"service": "checkout-api", "metric": "http_requests"},
                   "target": 99.9, "period": "%s", "window": "PT5S", "threshold": 99.0, "holdTime": "PT0S"}],
                 "compensation": {"monthlyFee": 1000.00, "currency": "EUR",
                   "tiers": [{"belowPercent": 99.9, "creditPercent": 10},
                             {"belowPercent": 99.0, "creditPercent": 25},
                             {"belowPercent": 90.0, "creditPercent": 100}],
                   "claimRequired": false}}
                """.formatted(effectiveFrom, period);
    }

    private static List<JsonNode> items(HttpResponse<String> r) throws IOException {
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        JsonNode items = body.isArray() ? body : body.path("items");
        List<JsonNode> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }

    /**
     * promtool must parse the exposition: exit 1 is a parse error. Exit 3 means lint findings only,
     * which the Prometheus client's text writer causes for every counter (its HELP and TYPE lines
     * name the family without the {@code _total} suffix) and Kafka's client meters cause with names
     * in nanoseconds; those are tolerated.
     */
    private static void assertPromtoolAccepts(String module, String exposition) throws Exception {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(p.exitValue() == 0 || p.exitValue() == 3,
                module + " /q/metrics rejected by promtool (exit " + p.exitValue() + "):\n" + out);
        assertFalse(out.contains("error while linting"), module + ": " + out);
        assertTrue(exposition.contains("surety_"), module + " exposes no business counters");
    }
}
