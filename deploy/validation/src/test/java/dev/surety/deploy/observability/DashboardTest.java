package dev.surety.deploy.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.surety.deploy.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard ({@code grafana/dashboards/surety.json}) and its provisioning: the JSON parses,
 * every query is valid PromQL (promtool) over metrics the services really expose, it uses the
 * provisioned data source, and it shows what issue 8 asks for.
 */
class DashboardTest {

    static final Path GRAFANA = Repository.observability().resolve("grafana");
    static final Path DASHBOARD = GRAFANA.resolve("dashboards/surety.json");

    record Query(String where, String expr) {
    }

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    static List<Query> queries() throws IOException {
        List<Query> out = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                out.add(new Query("panel '" + panel.path("title").asText() + "' " + t.path("refId").asText(),
                        t.path("expr").asText()));
            }
        }
        return out;
    }

    @Test
    void dashboardIsWellFormed() throws IOException {
        JsonNode d = dashboard();
        assertEquals("surety-platform", d.path("uid").asText());
        assertTrue(d.path("schemaVersion").asInt() >= 36, "schemaVersion");
        Set<Integer> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode p : d.path("panels")) {
            String title = p.path("title").asText();
            if (!ids.add(p.path("id").asInt())) {
                problems.add(title + ": duplicate id " + p.path("id"));
            }
            JsonNode g = p.path("gridPos");
            if (g.path("x").asInt() + g.path("w").asInt() > 24 || g.path("w").asInt() <= 0 || g.path("h").asInt() <= 0) {
                problems.add(title + ": gridPos outside the 24 columns: " + g);
            }
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            if (!p.path("datasource").path("uid").asText().equals("prometheus")) {
                problems.add(title + ": data source must be the provisioned uid 'prometheus'");
            }
            if (p.path("description").asText().isBlank()) {
                problems.add(title + ": no description (what the panel shows and which runbook applies)");
            }
            if (p.path("targets").isEmpty()) {
                problems.add(title + ": no query");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyMetricThePanelsQueryIsExposed() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Query q : queries()) {
            problems.addAll(Metrics.problems(q.where(), q.expr(), Set.of()));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** promtool parses every query, given as a recording rule ($__rate_interval as Grafana would fill it). */
    @Test
    void everyQueryIsValidPromQl(@TempDir Path dir) throws IOException {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int i = 0;
        for (Query q : queries()) {
            String expr = q.expr().replace("$__rate_interval", "1m").replace("\\", "\\\\").replace("\"", "\\\"");
            rules.append("      - record: dashboard:query_").append(i++).append('\n')
                    .append("        expr: \"").append(expr).append("\"\n");
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        Node.Result r = Tool.run(dir, "promtool", "check", "rules", file.toString());
        assertEquals(0, r.exitCode(), r.output() + "\n" + rules);
    }

    @Test
    void dashboardShowsWhatTheIssueAsksFor() throws IOException {
        Set<String> used = new TreeSet<>();
        StringBuilder all = new StringBuilder();
        for (Query q : queries()) {
            PromQl.selectors(q.expr()).forEach(s -> used.add(s.metric()));
            all.append(q.expr()).append('\n');
        }
        // ingest rate, DLQ rate by reason, consumer lag, open breaches, credits issued; HTTP and JVM basics
        for (String metric : List.of("surety_metrics_received_total", "surety_measurements_produced_total",
                "surety_metrics_deadlettered_total", "kafka_consumer_fetch_manager_records_lag",
                "surety_breaches_opened_total", "surety_breaches_resolved_total", "surety_credits_issued_total",
                "kafka_stream_client_state", "http_server_requests_seconds_count", "jvm_memory_used_bytes",
                "jvm_gc_pause_seconds_sum", "process_cpu_usage")) {
            assertTrue(used.contains(metric), "the dashboard shows nothing of " + metric);
        }
        assertTrue(all.toString().contains("sum by (reason) (rate(surety_metrics_deadlettered_total"),
                "dead letters are not broken down by reason");
    }

    @Test
    void provisioningPointsGrafanaAtPrometheusAndTheDashboards() throws IOException {
        JsonNode ds = AlertRulesTest.YAML.readTree(GRAFANA.resolve("provisioning/datasources/surety.yml").toFile());
        JsonNode prometheus = null;
        for (JsonNode d : ds.path("datasources")) {
            if (d.path("uid").asText().equals("prometheus")) {
                prometheus = d;
            }
        }
        assertTrue(prometheus != null, "no data source with uid prometheus");
        assertEquals("prometheus", prometheus.path("type").asText());
        assertEquals("http://prometheus:9090", prometheus.path("url").asText());
        JsonNode providers = AlertRulesTest.YAML.readTree(GRAFANA.resolve("provisioning/dashboards/surety.yml").toFile());
        assertEquals("/etc/grafana/dashboards", providers.path("providers").path(0).path("options").path("path").asText());
    }
}
