package dev.surety.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.RawMetric;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which agreements the routing index offers for a sample, and that routing through it decides as routing through all. */
class AgreementIndexTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final MeasurementRouter ROUTER = new MeasurementRouter(Duration.ofMinutes(5), Duration.ofDays(7));

    private static ObjectiveSpec objective(String id, String service, String metric) {
        return new ObjectiveSpec(id, id, SliKind.RATIO, new MetricSelector(null, service, metric, Map.of()),
                new BigDecimal("99.9"), ObjectiveSpec.CALENDAR_MONTH, Duration.ofMinutes(5), new BigDecimal("99"),
                Duration.ofMinutes(10));
    }

    private static AgreementSnapshot version(String id, int version, String tenant, Instant tookForce,
                                             ObjectiveSpec... objectives) {
        return new AgreementSnapshot(id, version, tenant, "SLA " + id, "p", "s", AgreementStatus.ACTIVE, T0, null,
                "UTC", List.of(objectives), null, tookForce);
    }

    private static AgreementHistory history(AgreementSnapshot... versions) {
        AgreementHistory h = new AgreementHistory(List.of());
        for (AgreementSnapshot v : versions) {
            h = h.with(v, 20, Instant.EPOCH);
        }
        return h;
    }

    private static RawMetric metric(String service, String metric, Instant t) {
        return new RawMetric(null, "agent", service, metric, Map.of(), t, null, 9L, 10L);
    }

    private static List<String> ids(List<AgreementHistory> histories) {
        return histories.stream().map(h -> h.latest().agreementId()).toList();
    }

    @Test
    void offersEveryAgreementWithAnObjectiveOnTheSamplesServiceAndMetricOnceInTheGivenOrder() {
        AgreementHistory a = history(version("a", 1, "acme", T0, objective("avail", "checkout", "http_requests"),
                objective("avail-2", "checkout", "http_requests")));
        AgreementHistory b = history(version("b", 1, "acme", T0, objective("latency", "checkout", "latency_ms")));
        AgreementHistory c = history(version("c", 1, "globex", T0, objective("avail", "checkout", "http_requests")));
        AgreementIndex index = AgreementIndex.of(java.util.Arrays.asList(a, null, b, c));

        assertEquals(List.of("a", "c"), ids(index.candidates(metric("checkout", "http_requests", T0))));
        assertEquals(List.of("b"), ids(index.candidates(metric("checkout", "latency_ms", T0))));
        assertEquals(List.of(), ids(index.candidates(metric("search", "http_requests", T0))));
        assertEquals(List.of(), ids(index.candidates(metric("checkout", null, T0))));
        assertEquals(List.of(), AgreementIndex.EMPTY.candidates(metric("checkout", "http_requests", T0)));
    }

    @Test
    void anAgreementIsOfferedForTheSelectorsOfEveryKeptVersionAndTheVersionInForceDecides() {
        // Version 1 measured http_requests; version 2, in force from T0 + 1 h, measures http_ok instead.
        AgreementHistory h = history(version("a", 1, "acme", T0, objective("avail", "checkout", "http_requests")),
                version("a", 2, "acme", T0.plusSeconds(3600), objective("avail", "checkout", "http_ok")));
        AgreementIndex index = AgreementIndex.of(List.of(h));
        assertEquals(List.of("a"), ids(index.candidates(metric("checkout", "http_requests", T0))));
        assertEquals(List.of("a"), ids(index.candidates(metric("checkout", "http_ok", T0))));

        Instant now = T0.plusSeconds(7200);
        IngestOutcome.Routed before = route(index, metric("checkout", "http_requests", T0.plusSeconds(60)), now);
        assertEquals(1, before.measurements().size());
        assertEquals(1, before.measurements().get(0).agreementVersion());
        IngestOutcome.Routed after = route(index, metric("checkout", "http_requests", T0.plusSeconds(3660)), now);
        assertEquals(0, after.measurements().size());
        assertEquals(1, after.unmatched());
        IngestOutcome.Routed renamed = route(index, metric("checkout", "http_ok", T0.plusSeconds(3660)), now);
        assertEquals(2, renamed.measurements().get(0).agreementVersion());
    }

    @Test
    void selectorsWithoutServiceOrMetricSelectNothingThroughTheIndexEither() {
        AgreementHistory h = history(version("a", 1, "acme", T0, objective("no-metric", "checkout", null),
                objective("no-service", null, "http_requests")));
        assertEquals(List.of(), AgreementIndex.of(List.of(h)).candidates(metric("checkout", "http_requests", T0)));
    }

    @Test
    void routingThroughTheIndexYieldsWhatRoutingThroughEveryAgreementYields() {
        List<AgreementHistory> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String service = "svc-" + (i % 5);
            all.add(history(version("agr-" + i, 1, i % 2 == 0 ? "acme" : "globex", T0,
                    objective("o-" + i, service, i % 3 == 0 ? "latency_ms" : "http_requests"))));
        }
        AgreementIndex index = AgreementIndex.of(all);
        Instant now = T0.plusSeconds(600);
        for (String service : List.of("svc-0", "svc-1", "svc-4", "svc-9")) {
            for (String name : List.of("http_requests", "latency_ms")) {
                List<Sample> samples = List.of(new Sample(0, "", metric(service, name, T0.plusSeconds(1)), List.of()));
                for (String tenant : java.util.Arrays.asList(null, "acme")) {
                    assertEquals(ROUTER.route(samples, tenant, "raw/0@1", all),
                            ROUTER.route(samples, tenant, "raw/0@1", index), service + " " + name);
                }
            }
        }
    }

    private static IngestOutcome.Routed route(AgreementIndex index, RawMetric m, Instant now) {
        List<Sample> samples = List.of(new Sample(0, "", m, List.of()));
        assertEquals(List.of(), ROUTER.validate(samples, now));
        return assertInstanceOf(IngestOutcome.Routed.class, ROUTER.route(samples, null, "raw/0@7", index));
    }

    @Test
    void measurementIdsAreNameBasedUuidsOfRawIdAgreementAndObjective() {
        for (String[] k : new String[][] {{"raw-1", "agr-1", "avail"}, {"sla.metrics.raw/3@17#0", "a", "b"},
                {"ünïcødé-✓", "agr/ß", ""}}) {
            String expected = UUID.nameUUIDFromBytes((k[0] + "|" + k[1] + "|" + k[2])
                    .getBytes(StandardCharsets.UTF_8)).toString();
            assertEquals(expected, MeasurementRouter.measurementId(k[0], k[1], k[2]));
        }
    }
}
