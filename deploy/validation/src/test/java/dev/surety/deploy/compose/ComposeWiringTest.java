package dev.surety.deploy.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.deploy.observability.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parts of the compose stack find each other: Prometheus scrapes every service where compose
 * runs it and loads the rules, breach-detector pushes to the Alertmanager Prometheus also uses, Grafana
 * gets its data source and dashboards, the portal calls the services at their compose addresses.
 */
class ComposeWiringTest {

    static final ComposeFile COMPOSE = ComposeFile.main();
    static final Path OBSERVABILITY = Repository.observability();

    /** host:port a compose service answers HTTP on inside the network. */
    static String address(String service) {
        String port = COMPOSE.environment(service).get("QUARKUS_HTTP_PORT");
        return service + ":" + (port != null ? port : containerPort(service));
    }

    static String containerPort(String service) {
        String binding = COMPOSE.service(service).path("ports").get(0).asText();
        return binding.substring(binding.lastIndexOf(':') + 1);
    }

    @Test
    void prometheusScrapesEveryServiceWhereComposeRunsIt() throws IOException {
        assertEquals("../observability/prometheus/prometheus.yml",
                sourceMountedAt("prometheus", "/etc/prometheus/prometheus.yml"));
        JsonNode config = ComposeFile.YAML.readTree(OBSERVABILITY.resolve("prometheus/prometheus.yml").toFile());
        Map<String, String> targets = new LinkedHashMap<>();
        config.path("scrape_configs").forEach(j ->
                targets.put(j.path("job_name").asText(), j.path("static_configs").path(0).path("targets").path(0).asText()));
        for (String service : Repository.SERVICES) {
            assertEquals(address(service), targets.get(service), "Prometheus target of " + service);
        }
        assertEquals("alertmanager:" + containerPort("alertmanager"),
                config.path("alerting").path("alertmanagers").path(0).path("static_configs").path(0).path("targets").path(0).asText());
        // the rules file lands where rule_files looks
        String rules = COMPOSE.mountTarget("prometheus", "../observability/prometheus/surety-alerts.yml");
        assertNotNull(rules, "prometheus does not mount surety-alerts.yml");
        String glob = config.path("rule_files").path(0).asText();
        assertTrue(Path.of(rules).getParent().toString().equals(Path.of(glob).getParent().toString())
                && rules.endsWith(".yml") && glob.endsWith("*.yml"), rules + " is not matched by rule_files " + glob);
        assertTrue(COMPOSE.service("prometheus").path("command").toString().contains("--config.file=/etc/prometheus/prometheus.yml"));
    }

    @Test
    void breachDetectorAlertsGoToTheComposeAlertmanager() {
        Map<String, String> env = COMPOSE.environment("breach-detector");
        assertEquals("http://alertmanager:" + containerPort("alertmanager"), env.get("SURETY_DETECTOR_ALERTING_ALERTMANAGER_URL"));
        assertEquals(address("breach-detector"), env.get("QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER"),
                "the address other detector instances reach this one at");
        assertEquals("../observability/alertmanager/alertmanager.yml",
                sourceMountedAt("alertmanager", "/etc/alertmanager/alertmanager.yml"));
        assertTrue(COMPOSE.service("alertmanager").path("command").toString()
                .contains("--config.file=/etc/alertmanager/alertmanager.yml"));
    }

    @Test
    void grafanaGetsItsDataSourcesAndTheDashboard() throws IOException {
        assertEquals("../observability/grafana/provisioning", sourceMountedAt("grafana", "/etc/grafana/provisioning"));
        JsonNode providers = ComposeFile.YAML.readTree(
                OBSERVABILITY.resolve("grafana/provisioning/dashboards/surety.yml").toFile());
        String path = providers.path("providers").path(0).path("options").path("path").asText();
        assertEquals("../observability/grafana/dashboards", sourceMountedAt("grafana", path),
                "the dashboard provider reads " + path + ", where the dashboards must be mounted");
        JsonNode sources = ComposeFile.YAML.readTree(
                OBSERVABILITY.resolve("grafana/provisioning/datasources/surety.yml").toFile());
        for (JsonNode ds : sources.path("datasources")) {
            String url = ds.path("url").asText();
            String hostPort = url.replaceFirst("^http://", "");
            String host = hostPort.substring(0, hostPort.indexOf(':'));
            assertEquals("http://" + host + ":" + containerPort(host), url, ds.path("name").asText());
        }
    }

    @Test
    void portalCallsTheServicesAtTheirComposeAddresses() {
        Map<String, String> env = COMPOSE.environment("portal");
        Map<String, String> urls = Map.of(
                "SURETY_PORTAL_AGREEMENT_URL", "agreement-service", "SURETY_PORTAL_INGEST_URL", "measurement-ingest",
                "SURETY_PORTAL_DETECTOR_URL", "breach-detector", "SURETY_PORTAL_CREDIT_URL", "credit-service");
        urls.forEach((variable, service) -> assertEquals("http://" + address(service), env.get(variable), variable));
    }

    @Test
    void topicsAndDatabasesAreCreatedByMountedScripts() {
        assertEquals("./kafka/create-topics.sh", sourceMountedAt("kafka-topics", "/opt/surety/create-topics.sh"));
        assertEquals(List.of("bash", "/opt/surety/create-topics.sh"),
                ComposeFile.YAML.convertValue(COMPOSE.service("kafka-topics").path("entrypoint"), List.class));
        String init = COMPOSE.mountTarget("postgres", "./postgres/init-databases.sh");
        assertNotNull(init, "postgres does not mount postgres/init-databases.sh");
        assertTrue(init.startsWith("/docker-entrypoint-initdb.d/"), init);
        String script = Repository.read(Repository.compose().resolve("postgres/init-databases.sh"));
        // the databases the services' JDBC and reactive URLs name, each owned by the login the service uses
        for (String[] db : List.of(new String[] {"agreement-service", "agreements"}, new String[] {"credit-service", "credits"})) {
            String properties = Repository.read(Repository.root().resolve(db[0]).resolve("src/main/resources/application.properties"));
            assertTrue(properties.contains("}/" + db[1] + "\n") || properties.contains("}/" + db[1] + "\r"),
                    db[0] + " no longer uses database " + db[1]);
            String user = COMPOSE.environment(db[0]).get("SURETY_DB_USER");
            assertTrue(script.contains("CREATE ROLE " + user + " LOGIN PASSWORD"), "init-databases.sh does not create login " + user);
            assertTrue(script.contains("CREATE DATABASE " + db[1] + " OWNER " + user + ";"),
                    "init-databases.sh does not create " + db[1] + " owned by " + user);
            assertTrue(script.contains("/run/secrets/" + db[0] + "-db-password"), "the password of " + user + " must come from its secret");
        }
    }

    private static String sourceMountedAt(String service, String target) {
        for (String[] v : COMPOSE.volumes(service)) {
            if (v[1].equals(target)) {
                return v[0];
            }
        }
        return null;
    }
}
