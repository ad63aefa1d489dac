package dev.surety.deploy.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.deploy.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager's configuration: valid for amtool, and routing the alerts breach-detector really sends
 * (the alert names in its code) to the SLA receivers, grouped per agreement objective.
 */
class AlertmanagerConfigTest {

    static final Path CONFIG = Repository.observability().resolve("alertmanager/alertmanager.yml");

    @Test
    void amtoolAcceptsTheConfiguration() {
        Node.Result r = Tool.run(CONFIG.getParent(), "amtool", "check-config", CONFIG.toString());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void everyAlertTheDetectorSendsReachesTheSlaRoute() throws IOException {
        Set<String> sent = detectorAlertNames();
        assertFalse(sent.isEmpty(), "no alert names found in breach-detector's code");
        JsonNode root = AlertRulesTest.YAML.readTree(CONFIG.toFile());
        JsonNode sla = null;
        for (JsonNode route : root.path("route").path("routes")) {
            if (route.path("receiver").asText().equals("sla-ops")) {
                sla = route;
            }
        }
        assertTrue(sla != null, "no route to receiver sla-ops");
        Matcher m = Pattern.compile("alertname=~\"([^\"]+)\"").matcher(sla.path("matchers").path(0).asText());
        assertTrue(m.matches(), "the SLA route must match on alertname=~\"...\"");
        Pattern names = Pattern.compile(m.group(1));
        for (String alert : sent) {
            assertTrue(names.matcher(alert).matches(), alert + " (sent by breach-detector) does not reach sla-ops");
        }
        Set<String> groupBy = new TreeSet<>();
        sla.path("group_by").forEach(g -> groupBy.add(g.asText()));
        // The detector's labels (breach-detector README, Alertmanager): one group per agreement objective.
        assertEquals(Set.of("tenant", "agreement", "objective"), groupBy);
        // Platform alerts (Prometheus) must not fall into the SLA route.
        for (String platform : AlertRulesTest.alerts().keySet()) {
            assertFalse(names.matcher(platform).matches(), platform + " would be routed as an SLA alert");
        }
    }

    /** The alertname values breach-detector's alerting code sends. */
    static Set<String> detectorAlertNames() {
        Set<String> names = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(Surety[A-Z][A-Za-z]+)\"");
        try (Stream<Path> files = Files.walk(Repository.root().resolve("breach-detector/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
