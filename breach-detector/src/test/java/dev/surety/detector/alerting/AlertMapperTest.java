package dev.surety.detector.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachKind;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.BurnRateRule;
import dev.surety.events.EventCodec;
import dev.surety.events.MetricSelector;
import dev.surety.events.NoDataEnded;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.NoDataStarted;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertMapperTest {

    private static final Instant OPENED = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-27T10:05:00Z");
    private final AlertMapper mapper = new AlertMapper("http://detector.ops:8083/", "critical", "warning",
            Duration.ofMinutes(4));

    private static AgreementSnapshot agreement(String severity) {
        ObjectiveSpec objective = new ObjectiveSpec("availability", "Availability", null, SliKind.RATIO,
                new MetricSelector(null, "checkout", "http_requests", Map.of()), null, null, null, null,
                new BigDecimal("99.9"), "P30D", Duration.ofMinutes(5), new BigDecimal("99"), Duration.ZERO,
                List.of(new BurnRateRule("page-fast", new BigDecimal("14.4"), Duration.ofHours(1),
                        Duration.ofMinutes(5), severity)), null, null);
        return new AgreementSnapshot("agr-1", 3, "acme", "Checkout SLA", "provider", "checkout",
                AgreementStatus.ACTIVE, OPENED.minusSeconds(86400), null, "UTC", List.of(objective), null, OPENED);
    }

    @Test
    void thresholdBreachFiresWithLabelsAnnotationsAndLink() {
        BreachOpened e = new BreachOpened("evt-1", "breach-1", "agr-1", 3, "availability", "acme", OPENED,
                new BigDecimal("50.000000"), new BigDecimal("99"), Duration.ofMinutes(5));
        AlertmanagerAlert alert = mapper.opened(e, agreement("page"), NOW);

        assertEquals(Map.of("alertname", "SuretyBreach", "tenant", "acme", "agreement", "agr-1",
                "agreement_name", "Checkout SLA", "objective", "availability", "severity", "critical",
                "kind", "threshold", "rule", "threshold"), alert.labels());
        assertEquals("breach-1", alert.annotations().get("breach_id"));
        assertTrue(alert.annotations().get("description").contains("SLI 50.000000 vs threshold 99 over PT5M"),
                alert.annotations().get("description"));
        assertEquals("Checkout SLA / availability: SLA breach", alert.annotations().get("summary"));
        assertEquals(OPENED, alert.startsAt());
        assertEquals(NOW.plus(Duration.ofMinutes(4)), alert.endsAt());
        assertEquals("http://detector.ops:8083/v1/status/agr-1", alert.generatorUrl());
    }

    @Test
    void resolutionCarriesTheSameLabelsAndEndsWhenItResolved() {
        BreachOpened opened = new BreachOpened("evt-1", "breach-1", "agr-1", 3, "availability", "acme", OPENED,
                new BigDecimal("1.0"), new BigDecimal("14.4"), Duration.ofHours(1), BreachKind.BURN_RATE, "page-fast",
                new BigDecimal("20.5"), "page");
        BreachResolved resolved = new BreachResolved("evt-2", "breach-1", "agr-1", "availability", "acme", OPENED,
                OPENED.plusSeconds(90), new BigDecimal("99.5"), BreachResolved.RECOVERED, BreachKind.BURN_RATE,
                "page-fast");
        AlertmanagerAlert firing = mapper.opened(opened, agreement("page"), NOW);
        AlertmanagerAlert ended = mapper.resolved(resolved, agreement("page"), NOW);
        AlertmanagerAlert reSent = mapper.stillOpen(agreement("page"), "availability", "page-fast", "breach-1", OPENED,
                new WindowFigures(90, 100, 0, 0), NOW);

        assertEquals("SuretyBurnRate", firing.labels().get("alertname"));
        assertEquals("page", firing.labels().get("severity"));
        assertEquals("page-fast", firing.labels().get("rule"));
        assertEquals("burn-rate", firing.labels().get("kind"));
        assertTrue(firing.annotations().get("description").contains("burn rate 20.5 >= factor 14.4 over PT1H"));
        assertEquals(firing.labels(), ended.labels(), "Alertmanager matches the resolution by its labels");
        assertEquals(firing.labels(), reSent.labels(), "a re-send must update the same alert");
        assertEquals(OPENED.plusSeconds(90), ended.endsAt());
        assertTrue(reSent.annotations().get("description").contains("burn rate >= factor 14.4 over PT1H and PT5M"),
                reSent.annotations().get("description"));
        assertEquals(OPENED, ended.startsAt());
    }

    @Test
    void reSentThresholdBreachStatesTheWindowAsItStands() {
        BreachOpened e = new BreachOpened("evt-1", "breach-1", "agr-1", 3, "availability", "acme", OPENED,
                new BigDecimal("50.000000"), new BigDecimal("99"), Duration.ofMinutes(5));
        AlertmanagerAlert reSent = mapper.stillOpen(agreement("page"), "availability", "", "breach-1", OPENED,
                new WindowFigures(2, 3, 0, 0), NOW);
        assertEquals(mapper.opened(e, agreement("page"), NOW).labels(), reSent.labels());
        assertEquals("66.666666", reSent.annotations().get("sli"));
        assertEquals("99", reSent.annotations().get("threshold"));
        assertTrue(reSent.annotations().get("description").contains("SLI 66.666666 now vs threshold 99 over PT5M"),
                reSent.annotations().get("description"));
        assertEquals(OPENED, reSent.startsAt());
        assertEquals(NOW.plus(Duration.ofMinutes(4)), reSent.endsAt());
    }

    @Test
    void resolutionNeverEndsInTheFutureNorBeforeItStarted() {
        BreachResolved future = new BreachResolved("evt-2", "breach-1", "agr-1", "availability", "acme", OPENED,
                NOW.plusSeconds(60), new BigDecimal("99.5"));
        assertEquals(NOW, mapper.resolved(future, null, NOW).endsAt());
        BreachResolved skewed = new BreachResolved("evt-2", "breach-1", "agr-1", "availability", "acme", NOW.plusSeconds(30),
                NOW.plusSeconds(60), new BigDecimal("99.5"));
        assertEquals(NOW.plusSeconds(30), mapper.resolved(skewed, null, NOW).endsAt());
    }

    @Test
    void unknownAgreementLeavesTheNameOutAndDefaultsTheSeverity() {
        BreachResolved resolved = new BreachResolved("evt-2", "breach-1", "agr-1", "availability", "acme", OPENED,
                OPENED.plusSeconds(90), new BigDecimal("99.5"), "maintenance", BreachKind.BURN_RATE, "page-fast");
        AlertmanagerAlert alert = mapper.resolved(resolved, null, NOW);
        assertFalse(alert.labels().containsKey("agreement_name"));
        assertEquals("critical", alert.labels().get("severity"));
        assertTrue(alert.annotations().get("description").contains("(maintenance, SLI 99.5)"));
        // A rule that names no severity gets the default, on the opening as on the resolution.
        assertEquals("critical", mapper.resolved(resolved, agreement(null), NOW).labels().get("severity"));
    }

    @Test
    void noDataFiresFromDetectionAndEndsWhenDataResumes() {
        Instant last = OPENED.minusSeconds(600);
        NoDataStarted started = new NoDataStarted("evt-3", "ep-1", "agr-1", 3, "availability", "acme", last, OPENED,
                NoDataPolicy.BAD);
        NoDataEnded ended = new NoDataEnded("evt-4", "ep-1", "agr-1", "availability", "acme", last,
                OPENED.plusSeconds(60), NoDataPolicy.BAD);
        AlertmanagerAlert firing = mapper.noDataStarted(started, agreement("page"), NOW);
        AlertmanagerAlert resolved = mapper.noDataEnded(ended, agreement("page"), NOW);
        AlertmanagerAlert reSent = mapper.stillSilent(agreement("page"), "availability", "ep-1", last, OPENED, NOW);

        assertEquals(Map.of("alertname", "SuretyNoData", "tenant", "acme", "agreement", "agr-1",
                "agreement_name", "Checkout SLA", "objective", "availability", "severity", "warning",
                "kind", "no-data"), firing.labels());
        assertEquals(firing.labels(), resolved.labels());
        assertEquals(firing.labels(), reSent.labels());
        assertEquals(OPENED, firing.startsAt());
        assertEquals(OPENED.plusSeconds(60), resolved.endsAt());
        assertEquals("ep-1", firing.annotations().get("episode_id"));
    }

    @Test
    void encodesAsAlertmanagerJson() throws Exception {
        BreachOpened e = new BreachOpened("evt-1", "breach-1", "agr/1 x", 3, "availability", "acme", OPENED,
                new BigDecimal("50.000000"), new BigDecimal("99"), Duration.ofMinutes(5));
        JsonNode json = EventCodec.mapper().readTree(EventCodec.encode(List.of(mapper.opened(e, null, NOW))));
        assertEquals("2026-11-27T10:00:00Z", json.get(0).get("startsAt").asText());
        assertEquals("2026-11-27T10:09:00Z", json.get(0).get("endsAt").asText());
        assertEquals("http://detector.ops:8083/v1/status/agr%2F1%20x", json.get(0).get("generatorURL").asText());
        assertEquals("acme", json.get(0).get("labels").get("tenant").asText());
        assertFalse(json.get(0).has("generatorUrl"));
    }
}
