package dev.surety.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable deploy/compose and deploy/kubernetes give a Surety service is one the
 * service reads (as {@link ServiceConfiguration} extracts it from the code), and each variable
 * whose default only suits a laptop is given. Fixtures show the check catches what it should.
 */
class DeploymentEnvironmentTest {

    private static final Pattern VARIABLE = Pattern.compile(": ([A-Z][A-Z0-9_]*) \\(");

    private static Path fixture(String path) {
        try {
            return Path.of(DeploymentEnvironmentTest.class.getResource("/config/deploy/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> variablesNamed(List<String> problems) {
        List<String> names = new ArrayList<>();
        for (String p : problems) {
            Matcher m = VARIABLE.matcher(p);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void theHelperTellsWhichVariablesAServiceReads() {
        ServiceConfiguration.EnvironmentVariables detector = ServiceConfiguration.environmentVariables("breach-detector");
        assertTrue(detector.contains("SURETY_DETECTOR_GRACE"));
        assertTrue(detector.contains("SURETY_DETECTOR_ALERTING_WEBHOOKS_3__SECRET"), "a list index");
        assertTrue(detector.contains("QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER"), "an injected property");
        assertTrue(detector.contains("SURETY_TOPIC_SLA_BREACHES"), "a catalog topic it names");
        assertTrue(detector.contains("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL"), "read by every service");
        assertFalse(detector.contains("SURETY_DETECTOR_GRACEE"));
        assertFalse(detector.contains("SURETY_DB_HOST"), "no database");
        assertFalse(detector.contains("KAFKA_STREAMS_TOPICS"), "wiring is no setting");
        ServiceConfiguration.EnvironmentVariables agreements = ServiceConfiguration.environmentVariables("agreement-service");
        assertTrue(agreements.contains("SURETY_DB_HOST"), "read inside the datasource URLs");
        assertTrue(agreements.contains("SURETY_DB_PASSWORD") && agreements.contains("QUARKUS_DATASOURCE_PASSWORD"));
        assertFalse(agreements.contains("KAFKA_STREAMS_STATE_DIR"), "no Kafka Streams");
        assertEquals(List.of(List.of("KAFKA_BOOTSTRAP_SERVERS"), List.of("MP_JWT_VERIFY_ISSUER"),
                        List.of("MP_JWT_VERIFY_PUBLICKEY", "MP_JWT_VERIFY_PUBLICKEY_LOCATION"), List.of("SURETY_DB_HOST"),
                        List.of("SURETY_DB_PASSWORD")),
                ServiceConfiguration.productionRequired("agreement-service"));
    }

    @Test
    void aComposeFileGivingEachServiceWhatItReadsPasses() {
        List<ContainerEnvironment> containers = ComposeEnvironments.read(fixture("good/compose.yaml"));
        assertEquals(List.of("agreement-service", "measurement-ingest", "breach-detector", "credit-service", "portal"),
                containers.stream().map(ContainerEnvironment::service).toList(), "kafka is no Surety service");
        assertTrue(containers.get(0).variables().containsKey("KAFKA_BOOTSTRAP_SERVERS"), "merge key resolved");
        assertTrue(containers.get(1).variables().containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), "env_file read");
        assertEquals(List.of(), DeploymentEnvironment.unread(containers));
        assertEquals(List.of(), DeploymentEnvironment.missing(containers));
    }

    @Test
    void aComposeFileWithATypoADeadSettingAndGapsIsReportedByName() {
        List<ContainerEnvironment> containers = ComposeEnvironments.read(fixture("bad/compose.yaml"));
        List<String> unread = DeploymentEnvironment.unread(containers);
        assertEquals(List.of("KAFKA_BOOTSTRAP_SERVER", "SURETY_DETECTOR_GRACE"), variablesNamed(unread), String.join("\n", unread));
        assertTrue(unread.get(0).startsWith("compose.yaml service agreement-service: KAFKA_BOOTSTRAP_SERVER (environment)"),
                unread.get(0));
        assertEquals(List.of(
                        "compose.yaml service agreement-service: agreement-service is not given KAFKA_BOOTSTRAP_SERVERS"
                                + " (default `localhost:9092` only suits a laptop)",
                        "compose.yaml service agreement-service: agreement-service is not given SURETY_DB_PASSWORD"
                                + " (default empty only suits a laptop)",
                        "measurement-ingest is not deployed", "breach-detector is not deployed",
                        "credit-service is not deployed"),
                DeploymentEnvironment.missing(containers));
    }

    @Test
    void kubernetesManifestsGivingEachServiceWhatItReadsPass() {
        KubernetesEnvironments.Result result = KubernetesEnvironments.read(fixture("good/kubernetes"));
        assertEquals(List.of(), result.problems());
        assertEquals(5, result.containers().size(), "init containers and non-Surety containers are left out");
        ContainerEnvironment agreements = result.containers().stream()
                .filter(c -> c.service().equals("agreement-service")).findFirst().orElseThrow();
        assertEquals("Secret surety-db", agreements.variables().get("SURETY_DB_PASSWORD"), "secretGenerator env file");
        assertEquals("ConfigMap surety-common", agreements.variables().get("KAFKA_BOOTSTRAP_SERVERS"), "configMapGenerator");
        assertEquals(List.of(), DeploymentEnvironment.unread(result.containers()), "POD_IP only feeds $(POD_IP)");
        assertEquals(List.of(), DeploymentEnvironment.missing(result.containers()), "the patch adds the ingest URL");
    }

    @Test
    void kubernetesManifestsWithATypoAMissingConfigMapAndGapsAreReportedByName() {
        KubernetesEnvironments.Result result = KubernetesEnvironments.read(fixture("bad/kubernetes"));
        assertEquals(List.of("services.yaml Deployment measurement-ingest container measurement-ingest: envFrom names"
                + " ConfigMap ingest-settings, which no manifest defines"), result.problems());
        List<String> unread = DeploymentEnvironment.unread(result.containers());
        assertEquals(List.of("KAFKA_BOOTSTRAP_SERVER", "SURETY_INGEST_MAX_AGEE"), variablesNamed(unread), String.join("\n", unread));
        assertTrue(unread.get(0).contains("(ConfigMap surety-common)"), unread.get(0));
        assertTrue(DeploymentEnvironment.missing(result.containers()).contains("services.yaml Deployment measurement-ingest"
                + " container measurement-ingest: measurement-ingest is not given KAFKA_BOOTSTRAP_SERVERS"
                + " (default `localhost:9092` only suits a laptop)"));
    }

    @Test
    void composeGivesEveryServiceExactlyWhatItReads() {
        Path compose = ServiceConfiguration.root().resolve("deploy/compose/compose.yaml");
        assertTrue(Files.isRegularFile(compose), compose + " does not exist");
        List<String> problems = new ArrayList<>();
        for (Path file : composeFiles(compose.getParent())) {
            problems.addAll(DeploymentEnvironment.unread(ComposeEnvironments.read(file)));
        }
        // the base file alone must be complete; override files (compose.dev-login.yaml) only add
        problems.addAll(DeploymentEnvironment.missing(ComposeEnvironments.read(compose)));
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void kubernetesGivesEveryServiceExactlyWhatItReads() {
        Path kubernetes = ServiceConfiguration.root().resolve("deploy/kubernetes");
        assertTrue(Files.isDirectory(kubernetes), kubernetes + " does not exist");
        KubernetesEnvironments.Result result = KubernetesEnvironments.read(kubernetes);
        List<String> problems = new ArrayList<>(result.problems());
        problems.addAll(DeploymentEnvironment.unread(result.containers()));
        problems.addAll(DeploymentEnvironment.missing(result.containers()));
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    private static List<Path> composeFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().matches("(docker-)?compose.*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
