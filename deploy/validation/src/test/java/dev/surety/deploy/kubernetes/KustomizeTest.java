package dev.surety.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test renderer does what {@code kubectl kustomize} does for the features the manifests use (the expected
 * objects below are kubectl kustomize 5.5's output for the same input), and refuses what it does not know.
 */
class KustomizeTest {

    @TempDir
    Path dir;

    private void write(String file, String text) throws Exception {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void base() throws Exception {
        write("base/kustomization.yaml", """
                resources:
                  - app.yaml
                configMapGenerator:
                  - name: init
                    files:
                      - init.sh
                generatorOptions:
                  disableNameSuffixHash: true
                """);
        write("base/init.sh", "echo hi\n");
        write("base/app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: app
                          image: surety/app:1.0
                          env:
                            - name: A
                              value: "1"
                          volumeMounts:
                            - name: tmp
                              mountPath: /tmp
                      volumes:
                        - name: tmp
                          emptyDir: {}
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: s
                stringData:
                  k: placeholder
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: t
                spec:
                  replicas: 3
                  config:
                    min.insync.replicas: 2
                """);
    }

    @Test
    @SuppressWarnings("unchecked")
    void overlayPatchesGeneratesAndSetsTheNamespace() throws Exception {
        base();
        write("overlay/kustomization.yaml", """
                namespace: ns
                resources:
                  - ../base
                secretGenerator:
                  - name: s
                    behavior: replace
                    envs:
                      - s.env
                generatorOptions:
                  disableNameSuffixHash: true
                images:
                  - name: surety/app
                    newName: registry.example.com/app
                patches:
                  - path: app.yaml
                  - target:
                      kind: KafkaTopic
                    patch: |-
                      - op: replace
                        path: /spec/replicas
                        value: 1
                      - op: replace
                        path: /spec/config/min.insync.replicas
                        value: 1
                """);
        write("overlay/s.env", "# comment\nk=real value\n");
        write("overlay/app.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - name: B
                              value: "2"
                          volumeMounts:
                            - name: extra
                              mountPath: /extra
                      volumes:
                        - name: extra
                          emptyDir: {}
                """);
        Manifests m = new Manifests(new Kustomize().build(dir.resolve("overlay")));
        assertEquals(4, m.objects().size());
        m.objects().forEach(o -> assertEquals("ns", Manifests.at(o, "metadata", "namespace")));
        Map<String, Object> app = m.get("Deployment", "app");
        assertEquals(1, Manifests.at(app, "spec", "replicas"));
        Map<String, Object> c = (Map<String, Object>) Manifests.at(app, "spec", "template", "spec", "containers", 0);
        assertEquals("registry.example.com/app:1.0", c.get("image"));
        // Strategic merge: items the target lacks come first, as kubectl kustomize prints them.
        assertEquals(List.of("B", "A"), ((List<Map<String, Object>>) c.get("env")).stream().map(e -> e.get("name")).toList());
        assertEquals(List.of("/extra", "/tmp"),
                ((List<Map<String, Object>>) c.get("volumeMounts")).stream().map(e -> e.get("mountPath")).toList());
        assertEquals("real value", new String(Base64.getDecoder().decode(
                (String) Manifests.at(m.get("Secret", "s"), "data", "k")), StandardCharsets.UTF_8));
        assertEquals(1, Manifests.at(m.get("KafkaTopic", "t"), "spec", "replicas"));
        assertEquals(1, Manifests.at(m.get("KafkaTopic", "t"), "spec", "config", "min.insync.replicas"));
        assertEquals("echo hi\n", Manifests.at(m.get("ConfigMap", "init"), "data", "init.sh"));
    }

    @Test
    void whatTheRendererDoesNotKnowFailsInsteadOfBeingIgnored() throws Exception {
        base();
        write("overlay/kustomization.yaml", """
                resources:
                  - ../base
                commonLabels:
                  team: sre
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Kustomize().build(dir.resolve("overlay")));
        assertTrue(e.getMessage().contains("'commonLabels' is not supported"), e.getMessage());

        write("overlay/kustomization.yaml", """
                resources:
                  - ../base
                patches:
                  - path: missing-target.yaml
                """);
        write("overlay/missing-target.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: no-such-app
                spec:
                  replicas: 1
                """);
        e = assertThrows(IllegalArgumentException.class, () -> new Kustomize().build(dir.resolve("overlay")));
        assertTrue(e.getMessage().contains("matches nothing"), e.getMessage());
    }
}
