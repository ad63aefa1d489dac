package dev.surety.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every object of the base and of each overlay, as {@code kubectl kustomize} renders it, is valid against the
 * schema of its kind (Kubernetes 1.3x API via npm kubernetes-models; Strimzi's CRDs via
 * {@code @kubernetes-models/strimzi-kafka-operator}) and has no field its schema does not define.
 */
class SchemaValidationTest {

    @Test
    void everyRenderedObjectIsValidAgainstItsSchema() throws Exception {
        Tools.nodeModules();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Overlay o : Overlay.values()) {
            for (Map<String, Object> object : o.render().objects()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("source", "deploy/kubernetes/" + o.dir);
                item.put("object", object);
                items.add(item);
            }
        }
        Path json = Repo.validation().resolve("target/kubernetes-objects.json");
        Files.createDirectories(json.getParent());
        new ObjectMapper().writeValue(json.toFile(), items);
        Tools.Result r = Tools.run(Repo.validation(), List.of("node", "src/test/node/validate-kubernetes.mjs",
                json.toString()));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains(items.size() + " objects checked, 0 problems"), r.output());
    }

    /** The check itself: a misspelt field and a wrong type are reported, so a green run means something. */
    @Test
    void theValidatorReportsUnknownFieldsAndWrongTypes() throws Exception {
        Tools.nodeModules();
        Map<String, Object> deployment = Kustomize.deepCopy(Overlay.BASE.render().get("Deployment", "portal"));
        @SuppressWarnings("unchecked")
        Map<String, Object> container = (Map<String, Object>) Manifests.at(deployment, "spec", "template", "spec",
                "containers", 0);
        container.put("imagePullPolicyy", "Always");
        Map<String, Object> topic = Kustomize.deepCopy(Overlay.BASE.render().ofKind("KafkaTopic").get(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) topic.get("spec");
        spec.put("partitions", "six");
        Path json = Repo.validation().resolve("target/kubernetes-broken-objects.json");
        Files.createDirectories(json.getParent());
        new ObjectMapper().writeValue(json.toFile(), List.of(
                Map.of("source", "broken", "object", deployment), Map.of("source", "broken", "object", topic)));
        Tools.Result r = Tools.run(Repo.validation(), List.of("node", "src/test/node/validate-kubernetes.mjs",
                json.toString()));
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("unknown field /spec/template/spec/containers/0/imagePullPolicyy"), r.output());
        assertTrue(r.output().contains("data/spec/partitions must be integer"), r.output());
    }
}
