package dev.surety.deploy.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.surety.deploy.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The platform's alert rules ({@code deploy/observability/prometheus/surety-alerts.yml}): valid for
 * promtool, unit-tested, every metric real, every alert with a severity, a summary, a description and a
 * runbook page that exists and says what to do.
 */
class AlertRulesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path PROMETHEUS = Repository.observability().resolve("prometheus");
    static final Path RULES = PROMETHEUS.resolve("surety-alerts.yml");
    static final Path RUNBOOKS = Repository.root().resolve("docs/runbooks");
    /** The headings every runbook page has, in this order. */
    static final List<String> RUNBOOK_SECTIONS =
            List.of("## Meaning", "## Impact", "## Diagnosis", "## Mitigation", "## Escalation");

    static JsonNode rules() throws IOException {
        return YAML.readTree(RULES.toFile());
    }

    /** Alert name to rule. */
    static Map<String, JsonNode> alerts() throws IOException {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.put(rule.get("alert").asText(), rule);
                }
            }
        }
        return alerts;
    }

    static Set<String> recorded() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode group : rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("record")) {
                    names.add(rule.get("record").asText());
                }
            }
        }
        return names;
    }

    @Test
    void promtoolAcceptsTheRules() {
        Node.Result r = Tool.run(PROMETHEUS, "promtool", "check", "rules", RULES.toString());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void promtoolUnitTestsPass() {
        Node.Result r = Tool.run(PROMETHEUS, "promtool", "test", "rules", "surety-alerts.test.yml");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    @Test
    void everyAlertIsUnitTestedFiringAndQuiet() throws IOException {
        JsonNode tests = YAML.readTree(PROMETHEUS.resolve("surety-alerts.test.yml").toFile());
        assertEquals("surety-alerts.yml", tests.path("rule_files").path(0).asText());
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode c : test.path("alert_rule_test")) {
                (c.path("exp_alerts").isEmpty() ? quiet : firing).add(c.path("alertname").asText());
            }
        }
        for (String alert : alerts().keySet()) {
            assertTrue(firing.contains(alert), alert + " has no test case in which it fires");
            assertTrue(quiet.contains(alert), alert + " has no test case in which it stays quiet");
        }
    }

    @Test
    void everyAlertHasSeverityTextsAndARunbook() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : alerts().entrySet()) {
            String alert = e.getKey();
            JsonNode rule = e.getValue();
            if (!alert.matches("Surety[A-Z][A-Za-z]+")) {
                problems.add(alert + ": name must be Surety<CamelCase>");
            }
            String severity = rule.path("labels").path("severity").asText();
            if (!Set.of("critical", "warning").contains(severity)) {
                problems.add(alert + ": severity '" + severity + "' (critical or warning)");
            }
            JsonNode a = rule.path("annotations");
            for (String key : List.of("summary", "description", "runbook_url")) {
                if (a.path(key).asText().isBlank()) {
                    problems.add(alert + ": annotation " + key + " missing");
                }
            }
            String url = a.path("runbook_url").asText();
            if (!url.equals("docs/runbooks/" + alert + ".md")) {
                problems.add(alert + ": runbook_url " + url + " is not docs/runbooks/" + alert + ".md");
                continue;
            }
            Path page = Repository.root().resolve(url);
            if (!Files.isRegularFile(page)) {
                problems.add(alert + ": runbook " + url + " does not exist");
                continue;
            }
            String text = Repository.read(page);
            if (!text.startsWith("# " + alert)) {
                problems.add(url + ": must start with '# " + alert + "'");
            }
            int at = -1;
            for (String section : RUNBOOK_SECTIONS) {
                int next = text.indexOf("\n" + section);
                if (next < 0 || next < at) {
                    problems.add(url + ": section '" + section + "' missing or out of order " + RUNBOOK_SECTIONS);
                }
                at = Math.max(at, next);
            }
            if (!text.contains("```")) {
                problems.add(url + ": no command or query to run (a fenced block)");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyRunbookPageBelongsToAnAlert() throws IOException {
        Set<String> alerts = alerts().keySet();
        try (Stream<Path> pages = Files.list(RUNBOOKS)) {
            List<String> orphans = pages.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md") && !n.equals("README.md"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .filter(n -> !alerts.contains(n)).toList();
            assertTrue(orphans.isEmpty(), "runbooks without an alert: " + orphans);
        }
        String index = Repository.read(RUNBOOKS.resolve("README.md"));
        for (String alert : alerts) {
            assertTrue(index.contains("(" + alert + ".md)"), "docs/runbooks/README.md does not list " + alert);
        }
    }

    @Test
    void everyMetricTheRulesUseIsExposed() throws IOException {
        Set<String> recorded = recorded();
        List<String> problems = new ArrayList<>();
        for (JsonNode group : rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? rule.get("alert").asText() : rule.path("record").asText();
                problems.addAll(Metrics.problems(name, rule.path("expr").asText(), recorded));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void rulesSelectServicesByTheirPrometheusJob() throws IOException {
        JsonNode config = YAML.readTree(PROMETHEUS.resolve("prometheus.yml").toFile());
        Set<String> jobs = new TreeSet<>();
        config.path("scrape_configs").forEach(j -> jobs.add(j.path("job_name").asText()));
        Matcher m = Pattern.compile("job\\s*=~?\\s*\"([^\"]+)\"").matcher(Repository.read(RULES));
        while (m.find()) {
            for (String job : m.group(1).split("\\|")) {
                assertTrue(jobs.contains(job), "the rules select job " + job + ", which prometheus.yml does not scrape");
            }
        }
    }

    @Test
    void prometheusConfigIsValidAndScrapesEveryService() throws IOException {
        Node.Result r = Tool.run(PROMETHEUS, "promtool", "check", "config", "--syntax-only", "prometheus.yml");
        assertEquals(0, r.exitCode(), r.output());
        JsonNode config = YAML.readTree(PROMETHEUS.resolve("prometheus.yml").toFile());
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        config.path("scrape_configs").forEach(j -> jobs.put(j.path("job_name").asText(), j));
        for (String service : Repository.SERVICES) {
            JsonNode job = jobs.get(service);
            assertTrue(job != null, "prometheus.yml has no job " + service);
            assertEquals("/q/metrics", job.path("metrics_path").asText(), service);
            assertEquals(1, job.path("static_configs").path(0).path("targets").size(), service);
        }
        assertFalse(config.path("alerting").path("alertmanagers").isEmpty(), "no Alertmanager configured");
        assertEquals("/etc/prometheus/rules/*.yml", config.path("rule_files").path(0).asText());
    }
}
