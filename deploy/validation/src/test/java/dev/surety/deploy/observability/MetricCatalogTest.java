package dev.surety.deploy.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The metric catalog the dashboard and rule checks rely on is itself right. */
class MetricCatalogTest {

    static List<String> services() {
        return Repository.SERVICES;
    }

    /** The code scan finds every business metric the running service showed (so it misses none). */
    @ParameterizedTest
    @MethodSource("services")
    void codeScanFindsEveryBusinessMetricOfTheScrape(String service) {
        Set<String> scraped = new TreeSet<>();
        MetricCatalog.fromScrape(service).stream().filter(n -> n.startsWith("surety_")).forEach(scraped::add);
        assertFalse(scraped.isEmpty(), service + ": the reference scrape has no surety_ metric");
        Set<String> missed = new TreeSet<>(scraped);
        missed.removeAll(MetricCatalog.fromCode(service));
        assertTrue(missed.isEmpty(), service + ": the code scan misses " + missed);
    }

    @Test
    void prometheusNamesFollowMicrometer() {
        assertEquals("surety_metrics_http_inflight", MetricCatalog.prometheusName("surety.metrics.http.inflight"));
        assertTrue(MetricCatalog.fromCode("agreement-service").contains("surety_outbox_pending"));
        assertTrue(MetricCatalog.fromCode("agreement-service").contains("surety_agreements_publish_failed_total"));
        assertTrue(MetricCatalog.fromCode("breach-detector").contains("surety_breaches_opened_total"));
        assertTrue(MetricCatalog.fromCode("portal").contains("surety_portal_backend_failures_total"));
        assertFalse(MetricCatalog.exposedBy("portal").contains("kafka_stream_client_state"));
    }

    @Test
    void labelsComeFromTheScrapeAndTheCode() {
        assertTrue(MetricCatalog.labels("measurement-ingest", "surety_metrics_deadlettered_total").contains("reason"));
        assertTrue(MetricCatalog.labels("measurement-ingest", "kafka_consumer_fetch_manager_records_lag").contains("topic"));
        // registered lazily, so in no scrape: the code says which tags they carry
        assertEquals(Set.of("reason"), MetricCatalog.labels("credit-service", "surety_compliance_rejected_total"));
        assertEquals(Set.of("service"), MetricCatalog.labels("portal", "surety_portal_backend_failures_total"));
        assertEquals(Set.of(), MetricCatalog.labels("breach-detector", "surety_measurements_processed_total"));
        assertEquals(null, MetricCatalog.labels("portal", "kafka_stream_client_state"));
    }

    @Test
    void labelChecksCatchTypos() {
        assertEquals(List.of(), Metrics.labelProblems("ok",
                "sum by (job, reason) (rate(surety_metrics_deadlettered_total{job=\"measurement-ingest\",reason!=\"invalid\"}[5m]))"));
        assertEquals(1, Metrics.labelProblems("typo", "sum by (reson) (rate(surety_metrics_deadlettered_total[5m]))").size());
        assertEquals(1, Metrics.labelProblems("typo", "surety_credits_issued_total{job=\"credit-service\",stat=\"ISSUED\"}").size());
    }

    @Test
    void scannerFindsSelectorsAndJobs() {
        List<PromQl.Selector> s = PromQl.selectors(
                "sum by (job, reason) (rate(surety_metrics_deadlettered_total{job=\"measurement-ingest\"}[5m]))"
                        + " / on (job) group_left sum by (job) (rate(surety_metrics_received_total[$__rate_interval]))"
                        + " and max by (job) (kafka_stream_client_state{job=~\"breach-detector|measurement-ingest\"}) != 2"
                        + " or surety:consumer_lag:sum offset 5m > bool 1");
        assertEquals(List.of(
                new PromQl.Selector("surety_metrics_deadlettered_total", List.of("measurement-ingest")),
                new PromQl.Selector("surety_metrics_received_total", List.of()),
                new PromQl.Selector("kafka_stream_client_state", List.of("breach-detector", "measurement-ingest")),
                new PromQl.Selector("surety:consumer_lag:sum", List.of())), s);
    }
}
