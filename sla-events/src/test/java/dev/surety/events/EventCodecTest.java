package dev.surety.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    static AgreementSnapshot sampleAgreement() {
        return new AgreementSnapshot("a-1", 1, "acme", "Checkout", "Hosting Co", "checkout-api",
                AgreementStatus.ACTIVE, Instant.parse("2026-11-01T00:00:00Z"), null, "Europe/Berlin",
                List.of(new ObjectiveSpec("availability", "Availability", SliKind.RATIO,
                        new MetricSelector(null, "checkout-api", "http_requests", Map.of("region", "eu")),
                        new BigDecimal("99.9"), "PT2M", Duration.ofMinutes(1), new BigDecimal("99.0"), Duration.ZERO)),
                new Compensation(new BigDecimal("1000.00"), "EUR",
                        List.of(new CreditTier(new BigDecimal("99.9"), new BigDecimal("10"))), null, false),
                Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void agreementSnapshotRoundTripsWithExactDecimalsAndIsoTimes() {
        AgreementSnapshot a = sampleAgreement();
        byte[] json = EventCodec.encode(a);
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"window\":\"PT1M\""), text);
        assertTrue(text.contains("\"effectiveFrom\":\"2026-11-01T00:00:00Z\""), text);
        assertTrue(text.contains("\"monthlyFee\":1000.00"), text);
        assertEquals(a, EventCodec.decode(json, AgreementSnapshot.class));
    }

    @Test
    void fullAgreementWithEveryTermRoundTrips() {
        ObjectiveSpec latency = new ObjectiveSpec("latency", "p95 latency", "95 % of requests within 300 ms",
                SliKind.PERCENTILE, new MetricSelector("agent-1", "checkout-api", "latency_ms", Map.of()),
                Comparison.LE, new BigDecimal("300"), new BigDecimal("95"), Duration.ofMinutes(1),
                new BigDecimal("99.5"), ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5), null, Duration.ofMinutes(2),
                BurnRateRule.SRE_WORKBOOK, NoDataPolicy.BAD, Duration.ofMinutes(10));
        AgreementSnapshot base = sampleAgreement();
        AgreementSnapshot a = new AgreementSnapshot(base.agreementId(), 2, "acme", "Checkout", "The checkout API",
                "Hosting Co", "ACME Corp", "checkout-api", AgreementStatus.ACTIVE, base.effectiveFrom(), null,
                "Europe/Berlin", List.of(base.objectives().get(0), latency),
                new Exclusions(List.of(new MaintenanceWindow("w1", "patching", Instant.parse("2026-11-01T01:00:00Z"),
                        Duration.ofHours(2), "FREQ=WEEKLY;BYDAY=SU", "Europe/Berlin", Instant.parse("2026-10-01T00:00:00Z"), true)),
                        Duration.ofDays(5), List.of("customer")),
                new Compensation(new BigDecimal("1000.00"), "EUR", base.compensation().tiers(), new BigDecimal("50"),
                        true, new BigDecimal("5.00"), 30, CreditAggregation.SUM),
                new Responsibilities("provider", "provider", "monthly", "retry with backoff"), "ISO 27001",
                Instant.parse("2026-11-02T00:00:00Z"), "pat");
        assertEquals(a, EventCodec.decode(EventCodec.encode(a), AgreementSnapshot.class));
        // A thin-slice snapshot (no exclusions written) decodes with empty exclusions, not null.
        String thin = new String(EventCodec.encode(base), StandardCharsets.UTF_8).replace("\"exclusions\":{\"maintenanceWindows\":[],\"minimumNotice\":null,\"excludedCauses\":[]},", "");
        assertEquals(Exclusions.NONE, EventCodec.decode(thin.getBytes(StandardCharsets.UTF_8), AgreementSnapshot.class).exclusions());
    }

    @Test
    void selectorMatchesOnServiceMetricAndEveryLabel() {
        MetricSelector sel = new MetricSelector(null, "checkout-api", "http_requests", Map.of("region", "eu"));
        RawMetric eu = new RawMetric("r1", "agent-1", "checkout-api", "http_requests",
                Map.of("region", "eu", "pod", "x"), Instant.now(), null, 9L, 10L);
        RawMetric us = new RawMetric("r2", "agent-1", "checkout-api", "http_requests",
                Map.of("region", "us"), Instant.now(), null, 9L, 10L);
        assertTrue(sel.matches(eu));
        assertTrue(!sel.matches(us));
    }

    @Test
    void garbageIsReportedWithAReadableReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventCodec.decode("{not json".getBytes(StandardCharsets.UTF_8), RawMetric.class));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void cloudEventsBinaryModeHeadersCarryTheRequiredAttributes() {
        RecordHeaders h = new RecordHeaders();
        CloudEvents.write(h, EventType.CREDIT_ISSUED, "id-1", "/surety/credit-service",
                Instant.parse("2026-11-26T10:00:00Z"), "a-1/availability");
        assertEquals("1.0", CloudEvents.header(h, CloudEvents.H_SPECVERSION));
        assertEquals("id-1", CloudEvents.header(h, CloudEvents.H_ID));
        assertEquals("dev.surety.credit.issued.v1", CloudEvents.header(h, CloudEvents.H_TYPE));
        assertEquals("application/json", CloudEvents.header(h, CloudEvents.H_CONTENT_TYPE));
        assertEquals(EventType.CREDIT_ISSUED, CloudEvents.type(h));
    }

    @Test
    void topicPropertiesAreOfferedForEveryCatalogTopic() {
        TopicConfigSource source = new TopicConfigSource();
        for (Topic t : Topic.values()) {
            assertEquals(t.topicName(), source.getValue(t.configKey()));
        }
    }
}
