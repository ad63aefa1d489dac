package dev.surety.systemtests;

import static dev.surety.systemtests.StackClient.freePort;
import static dev.surety.systemtests.StackClient.get;
import static dev.surety.systemtests.StackClient.post;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.devstack.Platform;
import dev.surety.devstack.Platform.Service;
import dev.surety.events.CloudEvents;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CreditAdjusted;
import dev.surety.events.CreditIssued;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.Topic;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once credits across restarts: the same FINAL compliance record is delivered three times,
 * and credit-service is stopped (once gracefully, once with SIGKILL) between the deliveries. Billing
 * must see one CreditIssued and one ledger row; a late correction then yields exactly one CreditAdjusted.
 */
class CreditReplayRestartIT {

    private static Platform platform;
    private static StackClient stack;
    private static Process credit;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("surety.root", "..")).toAbsolutePath().normalize();
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            servicePorts.put(s, freePort());
        }
        platform = new Platform(root, root.resolve("system-tests/target/credit-replay-" + System.currentTimeMillis()),
                new Platform.Ports(freePort(), freePort(), freePort(), servicePorts), Map.of());
        try {
            platform.startInfrastructure();
            Process agreements = platform.startService(Service.AGREEMENT);
            credit = platform.startService(Service.CREDIT);
            platform.awaitReady(Service.AGREEMENT, agreements, Duration.ofSeconds(180));
            platform.awaitReady(Service.CREDIT, credit, Duration.ofSeconds(180));
        } catch (Exception e) {
            platform.stop();
            throw e;
        }
        stack = new StackClient(platform.kafkaBootstrap());
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.stop();
            assertTrue(platform.running().isEmpty(), "processes left behind: " + platform.running());
        }
    }

    @Test
    void oneFinalRecordReplayedAcrossRestartsIsCreditedOnceAndALateCorrectionAdjustsOnce() throws Exception {
        String admin = platform.tokens().mint("pat", null, "provider-admin");
        String billing = platform.tokens().mint("bill", null, "billing");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        var created = post(platform.url(Service.AGREEMENT) + "/v1/agreements", admin,
                EndToEndIT.agreement(start, "PT20S").replace("checkout-api", "replay-" + UUID.randomUUID()));
        assertEquals(201, created.statusCode(), created.body());
        String agreementId = EventCodec.mapper().readTree(created.body()).path("id").asText();
        String creditsUrl = platform.url(Service.CREDIT) + "/v1/credits?agreementId=" + agreementId;

        // 1900 of 2000 good = 95 %: below the 99 % tier, 25 % of 1000.00 EUR.
        ComplianceRecord finalRecord = compliance(agreementId, start, 1900, "95.000000");
        for (int delivery = 1; delivery <= 3; delivery++) {
            publish(finalRecord);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> amounts(creditsUrl, billing).equals(List.of(new BigDecimal("250.00"))));
            if (delivery < 3) {
                restartCreditService(delivery == 2);
            }
        }
        // A moment for anything doubled to show, then count: one event, one ledger row.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals(1, events(agreementId, EventType.CREDIT_ISSUED).size());
        assertEquals(List.of(new BigDecimal("250.00")), amounts(creditsUrl, billing));

        // Late data: 1980 of 2000 = 99 %, on the 99 % bound, so not below it: 10 % = 100.00 EUR.
        ComplianceRecord corrected = compliance(agreementId, start, 1980, "99.000000");
        publish(corrected);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> events(agreementId, EventType.CREDIT_ADJUSTED).size() == 1);
        publish(corrected);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        List<ConsumerRecord<String, byte[]>> adjusted = events(agreementId, EventType.CREDIT_ADJUSTED);
        assertEquals(1, adjusted.size());
        CreditAdjusted adjustment = EventCodec.decode(adjusted.get(0).value(), CreditAdjusted.class);
        assertEquals(new BigDecimal("-150.00"), adjustment.delta());
        assertEquals(new BigDecimal("100.00"), adjustment.newAmount());
        assertEquals(1, events(agreementId, EventType.CREDIT_ISSUED).size(), "never a second CreditIssued");
        assertEquals(EventCodec.decode(events(agreementId, EventType.CREDIT_ISSUED).get(0).value(), CreditIssued.class)
                .idempotencyKey(), adjustment.idempotencyKey());
        assertEquals(List.of(new BigDecimal("100.00")), amounts(creditsUrl, billing));
    }

    private static ComplianceRecord compliance(String agreementId, Instant start, long good, String attainment) {
        return new ComplianceRecord(UUID.nameUUIDFromBytes((agreementId + "/" + good).getBytes()).toString(),
                agreementId, 1, "availability", "acme", start, start.plusSeconds(20), good, 2000,
                new BigDecimal(attainment), new BigDecimal("99.9"), false, ComplianceStatus.FINAL);
    }

    private static void publish(ComplianceRecord c) throws Exception {
        String key = Measurement.key(c.agreementId(), c.objectiveId());
        try (KafkaProducer<String, byte[]> producer = stack.producer()) {
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topic.COMPLIANCE.topicName(), key, EventCodec.encode(c));
            CloudEvents.write(r.headers(), EventType.COMPLIANCE, c.id(), "/surety/breach-detector", c.periodEnd(), key);
            producer.send(r).get(10, TimeUnit.SECONDS);
        }
    }

    private static void restartCreditService(boolean kill) throws Exception {
        if (kill) {
            credit.destroyForcibly();
        } else {
            credit.destroy();
        }
        assertTrue(credit.waitFor(60, TimeUnit.SECONDS), "credit-service stopped");
        credit = platform.startService(Service.CREDIT);
        platform.awaitReady(Service.CREDIT, credit, Duration.ofSeconds(180));
    }

    private static List<BigDecimal> amounts(String url, String token) throws Exception {
        var r = get(url, token);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode items = EventCodec.mapper().readTree(r.body()).path("items");
        return java.util.stream.StreamSupport.stream(items.spliterator(), false)
                .map(i -> new BigDecimal(i.path("amount").asText()).setScale(2, java.math.RoundingMode.UNNECESSARY))
                .toList();
    }

    private static List<ConsumerRecord<String, byte[]>> events(String agreementId, EventType type) {
        return stack.allRecords(Topic.CREDITS).stream()
                .filter(r -> CloudEvents.type(r.headers()) == type)
                .filter(r -> r.key() != null && r.key().startsWith(agreementId + "/"))
                .toList();
    }
}
