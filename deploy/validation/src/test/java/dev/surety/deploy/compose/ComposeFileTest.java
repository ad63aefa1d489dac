package dev.surety.deploy.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.deploy.Node;
import dev.surety.deploy.observability.Repository;
import dev.surety.deploy.observability.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structure of {@code deploy/compose/compose.yaml}: pinned images, a health check on every
 * long-running service, a start order that waits for health and for the one-shot jobs, the design's
 * ports, data on named volumes, secrets that the init script creates, and every bind-mounted file
 * present in the repository.
 */
class ComposeFileTest {

    static final ComposeFile COMPOSE = ComposeFile.main();

    static String rootPom() {
        return Repository.read(Repository.root().resolve("pom.xml"));
    }

    static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>surety-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(rootPom());
        assertTrue(m.find(), "root pom version");
        return m.group(1);
    }

    @Test
    void everyPlatformPartIsThere() {
        Set<String> expected = new TreeSet<>(Repository.SERVICES);
        expected.addAll(List.of("kafka", "kafka-topics", "postgres", "prometheus", "alertmanager", "grafana", "streams-state-init"));
        assertEquals(expected, new TreeSet<>(COMPOSE.services().keySet()));
        assertEquals("surety", COMPOSE.root.path("name").asText());
    }

    @Test
    void imagesArePinned() {
        String version = projectVersion();
        for (Map.Entry<String, JsonNode> e : COMPOSE.services().entrySet()) {
            String image = e.getValue().path("image").asText();
            assertTrue(image.matches("[a-z0-9./-]+:[A-Za-z0-9._-]+"), e.getKey() + ": image without a tag: " + image);
            assertFalse(image.endsWith(":latest"), e.getKey() + ": " + image);
            if (Repository.SERVICES.contains(e.getKey())) {
                assertEquals("surety/" + e.getKey() + ":" + version, image, "the Jib image of " + e.getKey());
            }
        }
        // The broker of the local stack and the BOM's clients are Kafka 4.1; PostgreSQL 17 as the local stack.
        assertTrue(COMPOSE.service("kafka").path("image").asText().matches("apache/kafka:4\\.1\\.\\d+"));
        assertEquals(COMPOSE.service("kafka").path("image"), COMPOSE.service("kafka-topics").path("image"));
        assertTrue(COMPOSE.service("postgres").path("image").asText().matches("postgres:17\\.\\d+"));
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckAndRestarts() {
        for (Map.Entry<String, JsonNode> e : COMPOSE.services().entrySet()) {
            JsonNode s = e.getValue();
            if (ComposeFile.oneShot(s)) {
                assertTrue(s.path("healthcheck").isMissingNode(), e.getKey() + ": a one-shot job has no health");
                continue;
            }
            assertEquals("unless-stopped", s.path("restart").asText(), e.getKey() + ": restart policy");
            JsonNode h = s.path("healthcheck");
            assertFalse(h.path("test").isMissingNode(), e.getKey() + " has no healthcheck");
            for (String key : List.of("interval", "timeout", "retries", "start_period")) {
                assertFalse(h.path(key).isMissingNode(), e.getKey() + ": healthcheck." + key);
            }
        }
    }

    /** Surety services report ready on /q/health/ready of their own port: Kafka, database, streams state. */
    @Test
    void suretyServicesAreHealthyWhenReady() {
        for (String service : Repository.SERVICES) {
            int port = ComposeFile.PORTS.get(service);
            assertEquals(String.valueOf(port), COMPOSE.environment(service).get("QUARKUS_HTTP_PORT"), service);
            String test = COMPOSE.healthcheck(service);
            assertTrue(test.contains("/dev/tcp/127.0.0.1/" + port) && test.contains("GET /q/health/ready ")
                    && test.contains("' 200 '"), service + ": healthcheck must ask /q/health/ready on " + port + ": " + test);
        }
        assertTrue(COMPOSE.healthcheck("postgres").contains("-h 127.0.0.1"), "postgres: over TCP, after the init scripts");
        assertTrue(COMPOSE.healthcheck("kafka").contains("kafka-broker-api-versions.sh --bootstrap-server localhost:9092"));
        // the check's JVM must not inherit the broker's heap (KAFKA_HEAP_OPTS) every 10 seconds
        assertTrue(COMPOSE.healthcheck("kafka").startsWith("CMD-SHELL KAFKA_HEAP_OPTS='-Xms32m -Xmx96m' "),
                COMPOSE.healthcheck("kafka"));
    }

    @Test
    void startOrderWaitsForHealthAndForTheJobs() {
        Map<String, JsonNode> services = COMPOSE.services();
        for (String name : services.keySet()) {
            COMPOSE.dependsOn(name).forEach((target, condition) -> {
                JsonNode t = services.get(target);
                assertNotNull(t, name + " depends on unknown " + target);
                String expected = ComposeFile.oneShot(t) ? "service_completed_successfully" : "service_healthy";
                assertEquals(expected, condition, name + " → " + target);
            });
        }
        for (String service : List.of("agreement-service", "measurement-ingest", "breach-detector", "credit-service")) {
            assertEquals("service_completed_successfully", COMPOSE.dependsOn(service).get("kafka-topics"),
                    service + " must wait for the catalog topics");
        }
        for (String db : List.of("agreement-service", "credit-service")) {
            assertEquals("service_healthy", COMPOSE.dependsOn(db).get("postgres"), db);
        }
        for (String streams : List.of("measurement-ingest", "breach-detector")) {
            assertEquals("service_completed_successfully", COMPOSE.dependsOn(streams).get("streams-state-init"), streams);
        }
        assertEquals(Map.of("kafka", "service_healthy"), COMPOSE.dependsOn("kafka-topics"));
        assertEquals("service_healthy", COMPOSE.dependsOn("grafana").get("prometheus"));
        assertEquals("service_healthy", COMPOSE.dependsOn("prometheus").get("alertmanager"));
        assertNoCycle(services.keySet());
    }

    private void assertNoCycle(Set<String> names) {
        for (String start : names) {
            List<String> stack = new ArrayList<>(List.of(start));
            Set<String> seen = new HashSet<>();
            while (!stack.isEmpty()) {
                String n = stack.remove(stack.size() - 1);
                for (String next : COMPOSE.dependsOn(n).keySet()) {
                    assertFalse(next.equals(start), "depends_on cycle through " + start);
                    if (seen.add(next)) {
                        stack.add(next);
                    }
                }
            }
        }
    }

    @Test
    void portsFollowTheDesignOnLoopbackOnly() {
        Pattern binding = Pattern.compile("127\\.0\\.0\\.1:(\\d+):(\\d+)");
        for (Map.Entry<String, JsonNode> e : COMPOSE.services().entrySet()) {
            JsonNode ports = e.getValue().path("ports");
            Integer design = ComposeFile.PORTS.get(e.getKey());
            if (design == null) {
                assertTrue(ports.isMissingNode() || ports.isEmpty(), e.getKey() + " publishes no port");
                continue;
            }
            assertEquals(1, ports.size(), e.getKey() + ": one published port");
            Matcher m = binding.matcher(ports.get(0).asText());
            assertTrue(m.matches(), e.getKey() + ": ports must be bound to 127.0.0.1: " + ports.get(0));
            assertEquals(design, Integer.valueOf(m.group(1)), e.getKey() + ": host port");
            if (Repository.SERVICES.contains(e.getKey())) {
                assertEquals(m.group(1), m.group(2), e.getKey() + ": container port = host port = QUARKUS_HTTP_PORT");
            }
        }
        // Kafka: services on kafka:9092 inside, agents on localhost:9092 through the HOST listener.
        Map<String, String> kafka = COMPOSE.environment("kafka");
        assertEquals("127.0.0.1:9092:19092", COMPOSE.service("kafka").path("ports").get(0).asText());
        assertTrue(kafka.get("KAFKA_LISTENERS").contains("HOST://:19092"));
        assertTrue(kafka.get("KAFKA_ADVERTISED_LISTENERS").contains("HOST://localhost:9092"));
        assertTrue(kafka.get("KAFKA_ADVERTISED_LISTENERS").contains("INTERNAL://kafka:9092"));
        assertEquals("5432", COMPOSE.environment("agreement-service").get("SURETY_DB_PORT"));
    }

    @Test
    void dataLivesOnNamedVolumes() {
        Set<String> declared = new TreeSet<>();
        COMPOSE.root.path("volumes").fieldNames().forEachRemaining(declared::add);
        Set<String> used = new TreeSet<>();
        for (String name : COMPOSE.services().keySet()) {
            for (String[] v : COMPOSE.volumes(name)) {
                if (!v[0].startsWith(".") && !v[0].startsWith("/")) {
                    used.add(v[0]);
                    assertTrue(declared.contains(v[0]), name + " mounts undeclared volume " + v[0]);
                }
            }
        }
        assertEquals(declared, used, "declared but unused volumes");
        assertEquals(COMPOSE.environment("kafka").get("KAFKA_LOG_DIRS"), COMPOSE.mountTarget("kafka", "kafka-data"));
        assertEquals("/var/lib/postgresql/data", COMPOSE.mountTarget("postgres", "postgres-data"));
        assertEquals("/prometheus", COMPOSE.mountTarget("prometheus", "prometheus-data"));
        assertEquals("/var/lib/grafana", COMPOSE.mountTarget("grafana", "grafana-data"));
        assertEquals("/alertmanager", COMPOSE.mountTarget("alertmanager", "alertmanager-data"));
        Map<String, String> state = Map.of("measurement-ingest", "ingest-state", "breach-detector", "detector-state");
        String user = jibUser();
        String chown = String.join(" ", List.of(COMPOSE.service("streams-state-init").path("entrypoint").toString()));
        state.forEach((service, volume) -> {
            String dir = COMPOSE.environment(service).get("KAFKA_STREAMS_STATE_DIR");
            assertEquals(dir, COMPOSE.mountTarget(service, volume), service + ": KAFKA_STREAMS_STATE_DIR on its volume");
            String initTarget = COMPOSE.mountTarget("streams-state-init", volume);
            assertNotNull(initTarget, "streams-state-init does not prepare " + volume);
            assertTrue(chown.contains("\"" + user + ":" + user + "\"") && chown.contains("\"" + initTarget + "\""),
                    "streams-state-init must hand " + volume + " to the images' user " + user + ": " + chown);
        });
    }

    /** The user the Jib images run as (root pom, quarkus.jib.user). */
    static String jibUser() {
        Matcher m = Pattern.compile("<quarkus\\.jib\\.user>(\\d+)</quarkus\\.jib\\.user>").matcher(rootPom());
        assertTrue(m.find(), "quarkus.jib.user in the root pom");
        return m.group(1);
    }

    /** Every secret is a file under secrets/ that init-secrets.sh writes; running it twice changes nothing. */
    @Test
    void secretsComeFromFilesTheInitScriptCreates(@TempDir Path dir) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (ComposeFile f : List.of(COMPOSE, new ComposeFile(ComposeFile.DEV_LOGIN))) {
            f.root.path("secrets").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().path("file").asText()));
        }
        for (String service : COMPOSE.services().keySet()) {
            for (String s : COMPOSE.secrets(service)) {
                assertTrue(files.containsKey(s), service + " uses undeclared secret " + s);
            }
        }
        // run a copy of the script against a fake local-stack key pair
        Path compose = Files.createDirectories(dir.resolve("deploy/compose"));
        Files.copy(Repository.compose().resolve("init-secrets.sh"), compose.resolve("init-secrets.sh"));
        Path keys = Files.createDirectories(dir.resolve("home/keys"));
        Files.writeString(keys.resolve("public-key.pem"), "-----BEGIN PUBLIC KEY-----\ntest\n-----END PUBLIC KEY-----\n");
        Files.writeString(keys.resolve("private-key.pem"), "-----BEGIN PRIVATE KEY-----\ntest\n-----END PRIVATE KEY-----\n");
        List<String> command = List.of("env", "SURETY_HOME=" + dir.resolve("home"), "bash", compose.resolve("init-secrets.sh").toString());
        Node.Result first = Tool.run(dir, command);
        assertEquals(0, first.exitCode(), first.output());
        Map<String, String> written = new TreeMap<>();
        files.forEach((name, file) -> {
            assertEquals("secrets/" + name, file, "secret " + name + " must be the file secrets/" + name);
            Path secret = compose.resolve(file);
            assertTrue(Files.isRegularFile(secret), "init-secrets.sh does not create " + file);
            written.put(name, Repository.read(secret));
        });
        for (String service : List.of("agreement-service", "credit-service")) {
            String password = written.get(service + "-db-password").strip();
            assertTrue(password.length() >= 32, service + ": a random password");
            assertEquals("SURETY_DB_PASSWORD=" + password + "\n", written.get(service + "-db.properties"),
                    service + ": the properties file carries the login's password");
        }
        Node.Result second = Tool.run(dir, command);
        assertEquals(0, second.exitCode(), second.output());
        files.forEach((name, file) -> assertEquals(written.get(name), Repository.read(compose.resolve(file)),
                "a second run must keep " + file));
        assertTrue(Repository.read(Repository.compose().resolve(".gitignore")).lines().anyMatch("secrets/"::equals),
                "deploy/compose/.gitignore must keep secrets/ out of git");
        // Passwords never travel in environment variables: files only.
        for (String service : COMPOSE.services().keySet()) {
            COMPOSE.environment(service).forEach((k, v) -> assertFalse(
                    k.contains("PASSWORD") && !k.endsWith("_FILE"), service + ": " + k + " in the environment"));
        }
        assertEquals("/run/secrets/postgres-password", COMPOSE.environment("postgres").get("POSTGRES_PASSWORD_FILE"));
        assertEquals("/run/secrets/grafana-admin-password", COMPOSE.environment("grafana").get("GF_SECURITY_ADMIN_PASSWORD__FILE"));
    }

    @Test
    void servicesReadTheirSecretsFromMountedFiles() {
        for (String service : Repository.SERVICES) {
            Map<String, String> env = COMPOSE.environment(service);
            List<String> mounted = COMPOSE.secrets(service);
            String key = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            if (service.equals("portal")) {
                assertEquals(null, key, "the portal verifies no bearer tokens");
            } else {
                assertEquals("file:/run/secrets/jwt-public-key.pem", key, service);
                assertTrue(mounted.contains("jwt-public-key.pem"), service + " does not mount the token key");
            }
            String locations = env.get("SMALLRYE_CONFIG_LOCATIONS");
            if (locations != null) {
                for (String location : locations.split(",")) {
                    assertTrue(location.startsWith("/run/secrets/") && mounted.contains(location.substring("/run/secrets/".length())),
                            service + ": " + location + " is not a secret it mounts");
                }
            }
        }
        for (String db : List.of("agreement-service", "credit-service")) {
            assertEquals("/run/secrets/" + db + "-db.properties", COMPOSE.environment(db).get("SMALLRYE_CONFIG_LOCATIONS"), db);
            assertTrue(COMPOSE.secrets("postgres").contains(db + "-db-password"), "postgres needs " + db + "'s password");
        }
    }

    /** Every ${VAR:-default} of the compose files is in .env.example with that default, and in the README. */
    @Test
    void interpolatedVariablesAreDocumentedWithTheirDefaults() {
        Map<String, String> example = new TreeMap<>();
        Repository.read(Repository.compose().resolve(".env.example")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> example.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        String readme = Repository.read(Repository.compose().resolve("README.md"));
        Pattern variable = Pattern.compile("\\$\\{([A-Z_]+)(?::-([^}]*))?}");
        Set<String> used = new TreeSet<>();
        for (Path file : List.of(ComposeFile.FILE, ComposeFile.DEV_LOGIN)) {
            Matcher m = variable.matcher(Repository.read(file));
            while (m.find()) {
                used.add(m.group(1));
                assertTrue(m.group(2) != null, file.getFileName() + ": ${" + m.group(1) + "} needs a default (:-)");
                assertEquals(m.group(2), example.get(m.group(1)), ".env.example: " + m.group(1) + " with the compose default");
                assertTrue(readme.contains("`" + m.group(1) + "`"), "README.md does not document " + m.group(1));
            }
        }
        assertEquals(used, example.keySet(), ".env.example lists exactly the variables compose reads");
        assertTrue(Repository.read(Repository.compose().resolve(".gitignore")).lines().anyMatch(".env"::equals));
    }

    @Test
    void everyBindMountedFileExists() {
        for (String service : COMPOSE.services().keySet()) {
            for (String[] v : COMPOSE.volumes(service)) {
                if (v[0].startsWith(".")) {
                    Path source = Repository.compose().resolve(v[0]).normalize();
                    assertTrue(Files.exists(source), service + ": " + v[0] + " does not exist");
                    assertEquals("ro", v[2], service + ": configuration mounts are read-only: " + v[0]);
                }
            }
        }
    }

    @Test
    void kafkaIsASingleKraftNodeThatTransactionsWorkOn() {
        Map<String, String> kafka = COMPOSE.environment("kafka");
        assertEquals("broker,controller", kafka.get("KAFKA_PROCESS_ROLES"));
        assertEquals("1@kafka:9093", kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
        assertFalse(kafka.getOrDefault("CLUSTER_ID", "").isBlank(), "a fixed CLUSTER_ID keeps the formatted volume usable");
        // exactly_once_v2 and the outboxes' idempotent producers hang without these on one broker (ENVIRONMENT.md)
        for (String key : List.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR",
                "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR")) {
            assertEquals("1", kafka.get(key), key);
        }
        assertEquals("false", kafka.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"), "topics come from the catalog only");
        for (String service : List.of("agreement-service", "measurement-ingest", "breach-detector", "credit-service")) {
            assertEquals("kafka:9092", COMPOSE.environment(service).get("KAFKA_BOOTSTRAP_SERVERS"), service);
        }
        assertEquals("kafka:9092", COMPOSE.environment("kafka-topics").get("KAFKA_BOOTSTRAP_SERVERS"));
    }
}
