package dev.surety.detector.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.detector.config.AlertingConfig;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant routing through the real configuration mapping and a real local HTTP server: each tenant's
 * events reach the default targets and its own, never another tenant's.
 */
class AlertRoutingTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final RecordingServer server = RecordingServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private AlertingConfig config(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of(
                "surety.detector.alerting.alertmanager.url", server.url("/am").toString(),
                "surety.detector.alerting.webhooks[0].url", server.url("/ops").toString(),
                "surety.detector.alerting.webhooks[0].secret", "ops-secret",
                "surety.detector.alerting.tenants.\"acme\".webhooks[0].url", server.url("/acme").toString(),
                "surety.detector.alerting.tenants.\"acme\".webhooks[0].secret", "acme-secret",
                "surety.detector.alerting.tenants.\"globex\".webhooks[0].url", server.url("/globex").toString(),
                "surety.detector.alerting.tenants.\"globex\".webhooks[0].secret", "globex-secret",
                "surety.detector.alerting.tenants.\"initech\".include-defaults", "false",
                "surety.detector.alerting.tenants.\"initech\".webhooks[0].url", server.url("/initech").toString(),
                "surety.detector.alerting.tenants.\"initech\".webhooks[0].secret", "initech-secret"));
        p.putAll(extra);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AlertingConfig.class)
                .withSources(new PropertiesConfigSource(p, "test", 500)).build();
        return config.getConfigMapping(AlertingConfig.class);
    }

    private AlertNotifier notifier(AlertingConfig config) {
        AlertSender sender = new AlertSender(HttpClient.newHttpClient(),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(20), 0.5), 3, Duration.ofSeconds(5), () -> 0.5,
                AlertMetrics.NONE);
        return new AlertNotifier(AlertRouter.from(config), new AlertMapper("http://detector:8083", "critical", "warning",
                Duration.ofMinutes(4)), sender, id -> Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC),
                AlertMetrics.NONE, Duration.ofSeconds(1));
    }

    @Test
    void eachTenantsEventsReachItsOwnTargetsAndTheDefaultsOnly() throws Exception {
        AlertNotifier notifier = notifier(config(Map.of()));
        for (String tenant : List.of("acme", "globex", "initech", "umbrella")) {
            BreachOpened e = opened(tenant);
            RecordHeaders headers = new RecordHeaders();
            CloudEvents.write(headers, EventType.BREACH_OPENED, e.id(), "/surety/breach-detector", e.openedAt(),
                    Measurement.key(e.agreementId(), e.objectiveId()));
            notifier.onRecord(headers, EventCodec.encode(e)).await().atMost(PATIENCE);
        }

        assertEquals(List.of("evt-acme"), eventIds("/acme"));
        assertEquals(List.of("evt-globex"), eventIds("/globex"));
        assertEquals(List.of("evt-initech"), eventIds("/initech"));
        assertEquals(List.of("evt-acme", "evt-globex", "evt-umbrella"), eventIds("/ops"),
                "defaults hear every tenant except one that opted out");
        List<String> alertTenants = server.received("/am/api/v2/alerts").stream()
                .map(r -> json(r.body()).get(0).get("labels").get("tenant").asText()).toList();
        assertEquals(List.of("acme", "globex", "umbrella"), alertTenants);
    }

    @Test
    void webhookBodyIsTheSignedCloudEvent() throws Exception {
        AlertNotifier notifier = notifier(config(Map.of()));
        BreachResolved e = new BreachResolved("evt-r", "breach-acme", "agr-acme", "availability", "acme",
                NOW.minusSeconds(600), NOW.minusSeconds(60), new BigDecimal("99.950000"));
        RecordHeaders headers = new RecordHeaders();
        CloudEvents.write(headers, EventType.BREACH_RESOLVED, e.id(), "/surety/breach-detector", e.resolvedAt(),
                "agr-acme/availability");
        notifier.onRecord(headers, EventCodec.encode(e)).await().atMost(PATIENCE);

        RecordingServer.Received hook = server.received("/acme").get(0);
        assertEquals("application/cloudevents+json", hook.header("Content-Type"));
        assertEquals("evt-r", hook.header(WebhookSigner.EVENT_ID_HEADER));
        assertEquals(Long.toString(NOW.getEpochSecond()), hook.header(WebhookSigner.TIMESTAMP_HEADER));
        assertTrue(WebhookSigner.verify("acme-secret", hook.header(WebhookSigner.TIMESTAMP_HEADER), hook.body(),
                hook.header(WebhookSigner.SIGNATURE_HEADER)));
        assertFalse(WebhookSigner.verify("globex-secret", hook.header(WebhookSigner.TIMESTAMP_HEADER), hook.body(),
                hook.header(WebhookSigner.SIGNATURE_HEADER)));
        JsonNode event = json(hook.body());
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals("evt-r", event.get("id").asText());
        assertEquals("dev.surety.breach.resolved.v1", event.get("type").asText());
        assertEquals("/surety/breach-detector", event.get("source").asText());
        assertEquals("agr-acme/availability", event.get("subject").asText());
        assertEquals(e.resolvedAt().toString(), event.get("time").asText());
        assertEquals("breach-acme", event.get("data").get("breachId").asText());
        assertTrue(new String(hook.body(), java.nio.charset.StandardCharsets.UTF_8).contains("\"sli\":99.950000"),
                "the event data goes out as it was published");

        JsonNode alert = json(server.received("/am/api/v2/alerts").get(0).body()).get(0);
        assertEquals(NOW.minusSeconds(60).toString(), alert.get("endsAt").asText());
    }

    @Test
    void otherEventTypesAndUnreadableEventsAreSkipped() {
        AlertNotifier notifier = notifier(config(Map.of()));
        RecordHeaders compliance = new RecordHeaders();
        CloudEvents.write(compliance, EventType.COMPLIANCE, "c-1", "/surety/breach-detector", NOW, "k");
        notifier.onRecord(compliance, "{}".getBytes()).await().atMost(PATIENCE);
        RecordHeaders broken = new RecordHeaders();
        CloudEvents.write(broken, EventType.BREACH_OPENED, "b-1", "/surety/breach-detector", NOW, "k");
        notifier.onRecord(broken, "not json".getBytes()).await().atMost(PATIENCE);
        assertEquals(0, server.attempts());
    }

    @Test
    void badTargetsFailAtStartupWithoutShowingSecrets() {
        IllegalArgumentException badUrl = assertThrows(IllegalArgumentException.class, () -> AlertRouter.from(config(Map.of(
                "surety.detector.alerting.tenants.\"acme\".webhooks[0].url", "ftp://user:hunter2@host/x"))));
        assertEquals("surety.detector.alerting.tenants.\"acme\".webhooks[0].url must be an absolute http(s) URL",
                badUrl.getMessage());
        IllegalArgumentException noSecret = assertThrows(IllegalArgumentException.class, () -> AlertRouter.from(config(Map.of(
                "surety.detector.alerting.webhooks[0].secret", " "))));
        assertEquals("surety.detector.alerting.webhooks[0].secret must not be empty", noSecret.getMessage());
        AlertTarget hook = AlertTarget.webhook(java.net.URI.create("https://u:p@hooks.example:8443/in?token=t"), "s3cret");
        assertEquals("webhook https://hooks.example:8443/in", hook.toString());
    }

    @Test
    void defaultTargetsCanComeFromEnvironmentVariables() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AlertingConfig.class)
                .withSources(new EnvConfigSource(Map.of(
                        "SURETY_DETECTOR_ALERTING_ALERTMANAGER_URL", server.url("/am").toString(),
                        "SURETY_DETECTOR_ALERTING_WEBHOOKS_0__URL", server.url("/ops").toString(),
                        "SURETY_DETECTOR_ALERTING_WEBHOOKS_0__SECRET", "ops-secret",
                        "SURETY_DETECTOR_ALERTING_RETRY_MAX_ATTEMPTS", "9"), 300) {
                }).build();
        AlertingConfig alerting = config.getConfigMapping(AlertingConfig.class);
        assertEquals(List.of(AlertTarget.alertmanager(server.url("/am")), AlertTarget.webhook(server.url("/ops"), "ops-secret")),
                AlertRouter.from(alerting).targets("acme"));
        assertEquals(9, alerting.retry().maxAttempts());
    }

    private BreachOpened opened(String tenant) {
        return new BreachOpened("evt-" + tenant, "breach-" + tenant, "agr-" + tenant, 1, "availability", tenant,
                NOW.minusSeconds(30), new BigDecimal("50.000000"), new BigDecimal("99"), Duration.ofMinutes(5));
    }

    private List<String> eventIds(String path) {
        return server.received(path).stream().map(r -> r.header(WebhookSigner.EVENT_ID_HEADER)).toList();
    }

    private static JsonNode json(byte[] body) {
        try {
            return EventCodec.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
