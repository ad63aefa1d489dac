package dev.surety.deploy.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.surety.deploy.observability.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code deploy/compose/compose.yaml} read as a tree, with the accessors the tests need. */
final class ComposeFile {

    static final Path FILE = Repository.compose().resolve("compose.yaml");
    static final Path DEV_LOGIN = Repository.compose().resolve("compose.dev-login.yaml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Design ports (docs/configuration.md, DESIGN): host port of every long-running service. */
    static final Map<String, Integer> PORTS = Map.ofEntries(
            Map.entry("portal", 8080), Map.entry("agreement-service", 8081), Map.entry("measurement-ingest", 8082),
            Map.entry("breach-detector", 8083), Map.entry("credit-service", 8084), Map.entry("kafka", 9092),
            Map.entry("postgres", 15432), Map.entry("prometheus", 9090), Map.entry("alertmanager", 9093),
            Map.entry("grafana", 3000));

    final JsonNode root;

    ComposeFile(Path file) {
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposeFile main() {
        return new ComposeFile(FILE);
    }

    Map<String, JsonNode> services() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        root.path("services").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    JsonNode service(String name) {
        JsonNode s = root.path("services").path(name);
        if (s.isMissingNode()) {
            throw new AssertionError("compose.yaml has no service " + name);
        }
        return s;
    }

    /** A one-shot job: runs to completion once ({@code restart: "no"}), others wait for it. */
    static boolean oneShot(JsonNode service) {
        return service.path("restart").asText().equals("no");
    }

    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        service(service).path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** depends_on as target → condition. */
    Map<String, String> dependsOn(String service) {
        Map<String, String> deps = new LinkedHashMap<>();
        JsonNode d = service(service).path("depends_on");
        if (d.isArray()) {
            d.forEach(x -> deps.put(x.asText(), "service_started"));
        } else {
            d.fields().forEachRemaining(e -> deps.put(e.getKey(), e.getValue().path("condition").asText()));
        }
        return deps;
    }

    /** Short-syntax volume entries "source:target[:mode]" split into [source, target, mode]. */
    List<String[]> volumes(String service) {
        List<String[]> out = new ArrayList<>();
        for (JsonNode v : service(service).path("volumes")) {
            String[] parts = v.asText().split(":");
            out.add(new String[] {parts[0], parts[1], parts.length > 2 ? parts[2] : "rw"});
        }
        return out;
    }

    /** The target a source (named volume or path) is mounted at in a service, or null. */
    String mountTarget(String service, String source) {
        for (String[] v : volumes(service)) {
            if (v[0].equals(source)) {
                return v[1];
            }
        }
        return null;
    }

    /** The healthcheck test as one string. */
    String healthcheck(String service) {
        JsonNode test = service(service).path("healthcheck").path("test");
        if (test.isTextual()) {
            return test.asText();
        }
        List<String> parts = new ArrayList<>();
        test.forEach(t -> parts.add(t.asText()));
        return String.join(" ", parts);
    }

    List<String> secrets(String service) {
        List<String> out = new ArrayList<>();
        service(service).path("secrets").forEach(s -> out.add(s.isTextual() ? s.asText() : s.path("source").asText()));
        return out;
    }
}
