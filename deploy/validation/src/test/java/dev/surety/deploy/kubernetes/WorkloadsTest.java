package dev.surety.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service in every overlay: the workload, its probes, resources and heap, its security context, the
 * environment it reads, its Service, PodDisruptionBudget and (ingest, detector) autoscaling bounded by the
 * catalog's partition counts, and that everything it references exists.
 */
class WorkloadsTest {

    static Stream<Arguments> everyServiceInEveryOverlay() {
        return Stream.of(Overlay.values()).flatMap(o -> Stream.of(Service.values()).map(s -> Arguments.of(o, s)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return (Map<String, Object>) Manifests.at(workload, "spec", "template", "spec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Map<String, Object> workload, String name) {
        return ((List<Map<String, Object>>) podSpec(workload).get("containers")).stream()
                .filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    /** The container's environment as the kubelet builds it: ConfigMaps of envFrom in order, then env. */
    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Manifests m, Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
            String cm = (String) Manifests.at(from, "configMapRef", "name");
            assertNotNull(cm, "envFrom uses ConfigMaps only (secrets are named one by one): " + from);
            Map<String, Object> data = (Map<String, Object>) m.get("ConfigMap", cm).getOrDefault("data", Map.of());
            data.forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        for (Map<String, Object> e : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            Object value = e.get("value");
            Map<String, Object> secret = (Map<String, Object>) Manifests.at(e, "valueFrom", "secretKeyRef");
            env.put((String) e.get("name"), value != null ? value.toString()
                    : secret != null ? "secret:" + secret.get("name") + "/" + secret.get("key") : "field");
        }
        return env;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyServiceInEveryOverlay")
    void workloadRunsTheServiceImageOnItsPort(Overlay overlay, Service s) throws IOException {
        Manifests m = overlay.render();
        Map<String, Object> w = m.get(s.workloadKind, s.module);
        Map<String, Object> c = container(w, s.module);
        assertEquals("surety/" + s.module + ":" + projectVersion(), c.get("image"), overlay + " " + s);
        assertEquals(List.of(Map.of("name", "http", "containerPort", s.port)), c.get("ports"), overlay + " " + s);
        @SuppressWarnings("unchecked")
        Map<String, Object> selector = (Map<String, Object>) Manifests.at(w, "spec", "selector", "matchLabels");
        @SuppressWarnings("unchecked")
        Map<String, Object> podLabels = (Map<String, Object>) Manifests.at(w, "spec", "template", "metadata", "labels");
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), overlay + " " + s + ": selector matches pods");

        assertEquals(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", Integer.toString(s.port),
                "prometheus.io/path", "/q/metrics"), Manifests.at(w, "spec", "template", "metadata", "annotations"),
                overlay + " " + s + ": Prometheus finds the pod's metrics");

        Map<String, Object> svc = m.get("Service", s.module);
        assertEquals(selector, Manifests.at(svc, "spec", "selector"), overlay + " " + s + ": Service selects the pods");
        assertEquals(s.port, Manifests.at(svc, "spec", "ports", 0, "port"), overlay + " " + s);
        assertEquals("http", Manifests.at(svc, "spec", "ports", 0, "targetPort"), overlay + " " + s);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyServiceInEveryOverlay")
    void startupReadinessAndLivenessProbesUseQuarkusHealth(Overlay overlay, Service s) {
        Map<String, Object> c = container(overlay.render().get(s.workloadKind, s.module), s.module);
        Map<String, String> expected = Map.of("startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready",
                "livenessProbe", "/q/health/live");
        expected.forEach((probe, path) -> {
            assertEquals(path, Manifests.at(c, probe, "httpGet", "path"), overlay + " " + s + " " + probe);
            assertEquals("http", Manifests.at(c, probe, "httpGet", "port"), overlay + " " + s + " " + probe);
        });
        // A slow start (state restore, migrations) is the startup probe's business, not a liveness restart loop.
        int startupSeconds = (Integer) Manifests.at(c, "startupProbe", "periodSeconds")
                * (Integer) Manifests.at(c, "startupProbe", "failureThreshold");
        assertTrue(startupSeconds >= 120, overlay + " " + s + ": startup allowance " + startupSeconds + " s");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyServiceInEveryOverlay")
    void resourcesAreBoundedAndTheHeapFitsTheMemoryLimit(Overlay overlay, Service s) {
        Manifests m = overlay.render();
        Map<String, Object> c = container(m.get(s.workloadKind, s.module), s.module);
        for (String kind : List.of("requests", "limits")) {
            for (String res : List.of("cpu", "memory")) {
                assertNotNull(Manifests.at(c, "resources", kind, res), overlay + " " + s + ": resources." + kind + "." + res);
            }
        }
        long memoryLimit = bytes(Manifests.at(c, "resources", "limits", "memory").toString());
        assertTrue(bytes(Manifests.at(c, "resources", "requests", "memory").toString()) <= memoryLimit, overlay + " " + s);
        assertTrue(millicores(Manifests.at(c, "resources", "requests", "cpu").toString())
                <= millicores(Manifests.at(c, "resources", "limits", "cpu").toString()), overlay + " " + s);
        String jvm = environment(m, c).get("JAVA_TOOL_OPTIONS");
        assertNotNull(jvm, overlay + " " + s + ": JAVA_TOOL_OPTIONS sets the heap");
        Matcher xmx = Pattern.compile("-Xmx(\\d+[kmgKMG]?)").matcher(jvm);
        assertTrue(xmx.find(), overlay + " " + s + ": -Xmx in " + jvm);
        long heap = bytes(xmx.group(1));
        // Kafka Streams keeps RocksDB (block caches, memtables) off-heap: at most half the limit for the heap.
        double share = s.kafkaStreams ? 0.5 : 0.75;
        assertTrue(heap <= memoryLimit * share, overlay + " " + s + ": -Xmx " + xmx.group(1) + " exceeds "
                + (int) (share * 100) + " % of the " + Manifests.at(c, "resources", "limits", "memory") + " limit");
        Matcher xms = Pattern.compile("-Xms(\\d+[kmgKMG]?)").matcher(jvm);
        if (xms.find()) {
            assertTrue(bytes(xms.group(1)) <= heap, overlay + " " + s + ": -Xms <= -Xmx");
        }
        assertTrue(jvm.contains("-XX:+ExitOnOutOfMemoryError"), overlay + " " + s + ": an OOM restarts the pod");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyServiceInEveryOverlay")
    void podsRunAsNonRootOnAReadOnlyRootFileSystem(Overlay overlay, Service s) {
        Map<String, Object> w = overlay.render().get(s.workloadKind, s.module);
        Map<String, Object> pod = podSpec(w);
        assertEquals(Boolean.TRUE, Manifests.at(pod, "securityContext", "runAsNonRoot"), overlay + " " + s);
        assertEquals("RuntimeDefault", Manifests.at(pod, "securityContext", "seccompProfile", "type"), overlay + " " + s);
        assertEquals(Boolean.FALSE, pod.get("automountServiceAccountToken"), overlay + " " + s + ": no API access needed");
        Map<String, Object> c = container(w, s.module);
        assertEquals(Boolean.TRUE, Manifests.at(c, "securityContext", "readOnlyRootFilesystem"), overlay + " " + s);
        assertEquals(Boolean.FALSE, Manifests.at(c, "securityContext", "allowPrivilegeEscalation"), overlay + " " + s);
        assertEquals(List.of("ALL"), Manifests.at(c, "securityContext", "capabilities", "drop"), overlay + " " + s);
        assertTrue(mounts(c).containsKey("/tmp"), overlay + " " + s + ": a writable /tmp (java.io.tmpdir)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyServiceInEveryOverlay")
    void environmentHasWhatTheServiceNeedsAndOnlyNamesItReads(Overlay overlay, Service s) throws IOException {
        Manifests m = overlay.render();
        Map<String, Object> c = container(m.get(s.workloadKind, s.module), s.module);
        Map<String, String> env = environment(m, c);
        for (String required : s.requiredEnv()) {
            assertTrue(env.containsKey(required), overlay + " " + s + ": " + required + " is set");
        }
        String documentation = Files.readString(Repo.root().resolve(s.module + "/README.md"))
                + Files.readString(Repo.root().resolve("docs/configuration.md"));
        String properties = Files.readString(Repo.root().resolve(s.module + "/src/main/resources/application.properties"));
        for (String name : env.keySet()) {
            // Read by the JVM itself, or only there to be expanded into another variable ($(POD_IP)).
            boolean platform = name.equals("JAVA_TOOL_OPTIONS")
                    || env.values().stream().anyMatch(v -> v.contains("$(" + name + ")"));
            assertTrue(platform || documentation.contains("`" + name + "`") || properties.contains("${" + name),
                    overlay + " " + s + ": " + name + " is not a variable " + s + " reads (its README, "
                            + "docs/configuration.md, application.properties)");
        }
        if (s.usesKafka()) {
            Map<String, Object> kafka = m.get("Kafka", TopicManifests.CLUSTER);
            int listenerPort = (Integer) Manifests.at(kafka, "spec", "kafka", "listeners", 0, "port");
            assertEquals(TopicManifests.CLUSTER + "-kafka-bootstrap:" + listenerPort, env.get("KAFKA_BOOTSTRAP_SERVERS"),
                    overlay + " " + s + ": the Strimzi bootstrap service");
            assertEquals("secret:surety-jwt/publickey", env.get("MP_JWT_VERIFY_PUBLICKEY"), overlay + " " + s);
        }
        if (s.database != null) {
            Map<String, Object> db = m.get("Service", env.get("SURETY_DB_HOST"));
            assertEquals(env.get("SURETY_DB_PORT"), Manifests.at(db, "spec", "ports", 0, "port").toString(), overlay + " " + s);
            assertTrue(env.get("SURETY_DB_PASSWORD").startsWith("secret:"), overlay + " " + s + ": password from a Secret");
            @SuppressWarnings("unchecked")
            Map<String, Object> podLabels = (Map<String, Object>) Manifests.at(m.get(s.workloadKind, s.module),
                    "spec", "template", "metadata", "labels");
            Map<String, Object> policy = m.get("NetworkPolicy", env.get("SURETY_DB_HOST"));
            assertEquals(Manifests.at(db, "spec", "selector"), Manifests.at(policy, "spec", "podSelector", "matchLabels"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> peers = (List<Map<String, Object>>) Manifests.at(policy, "spec", "ingress", 0, "from");
            assertTrue(peers.stream().anyMatch(p -> podLabels.entrySet().containsAll(
                    ((Map<?, ?>) Manifests.at(p, "podSelector", "matchLabels")).entrySet())),
                    overlay + " " + s + ": the database's NetworkPolicy lets the service in");
            String init = Files.readString(Repo.kubernetes().resolve("base/postgres/init-databases.sh"));
            String user = env.get("SURETY_DB_USER");
            assertTrue(init.contains("CREATE ROLE " + user + " LOGIN"), overlay + " " + s + ": PostgreSQL creates " + user);
            assertTrue(init.contains("CREATE DATABASE " + s.database + " OWNER " + user + ";"), overlay + " " + s);
            assertTrue(properties.contains(":${SURETY_DB_PORT:15432}/" + s.database), s + " reads database " + s.database);
        }
        if (s.kafkaStreams) {
            assertTrue(mounts(c).containsKey(env.get("KAFKA_STREAMS_STATE_DIR")),
                    overlay + " " + s + ": the Kafka Streams state directory is a volume");
        }
        if (s == Service.PORTAL) {
            for (Service other : List.of(Service.AGREEMENT_SERVICE, Service.MEASUREMENT_INGEST, Service.BREACH_DETECTOR,
                    Service.CREDIT_SERVICE)) {
                String var = "SURETY_PORTAL_" + switch (other) {
                    case AGREEMENT_SERVICE -> "AGREEMENT";
                    case MEASUREMENT_INGEST -> "INGEST";
                    case BREACH_DETECTOR -> "DETECTOR";
                    default -> "CREDIT";
                } + "_URL";
                assertEquals("http://" + other.module + ":" + other.port, env.get(var), overlay + " portal " + var);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyServiceInEveryOverlay")
    void aDisruptionBudgetLetsNodesDrainOnePodAtATime(Overlay overlay, Service s) {
        Manifests m = overlay.render();
        Map<String, Object> pdb = m.get("PodDisruptionBudget", s.module);
        assertEquals(Manifests.at(m.get(s.workloadKind, s.module), "spec", "selector"), Manifests.at(pdb, "spec", "selector"),
                overlay + " " + s);
        assertEquals(1, Manifests.at(pdb, "spec", "maxUnavailable"), overlay + " " + s);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyServiceInEveryOverlay")
    void autoscalingStopsAtThePartitionCountOfTheInputTopic(Overlay overlay, Service s) {
        Manifests m = overlay.render();
        Map<String, Object> w = m.get(s.workloadKind, s.module);
        if (s.scalingTopic == null) {
            assertFalse(m.has("HorizontalPodAutoscaler", s.module), overlay + " " + s);
            assertNotNull(Manifests.at(w, "spec", "replicas"), overlay + " " + s + ": fixed replicas");
            return;
        }
        Map<String, Object> hpa = m.get("HorizontalPodAutoscaler", s.module);
        assertEquals(Map.of("apiVersion", "apps/v1", "kind", s.workloadKind, "name", s.module),
                Manifests.at(hpa, "spec", "scaleTargetRef"), overlay + " " + s);
        int max = (Integer) Manifests.at(hpa, "spec", "maxReplicas");
        int min = (Integer) Manifests.at(hpa, "spec", "minReplicas");
        int partitions = s.scalingTopic.partitions();
        assertTrue(max <= partitions, overlay + " " + s + ": maxReplicas " + max + " > " + partitions + " partitions of "
                + s.scalingTopic.topicName());
        assertTrue(1 <= min && min <= max, overlay + " " + s);
        if (overlay != Overlay.DEV) {
            assertEquals(partitions, max, overlay + " " + s + ": scales out to one instance per partition of "
                    + s.scalingTopic.topicName());
        }
        assertNull(Manifests.at(w, "spec", "replicas"), overlay + " " + s + ": the autoscaler owns the replica count");
    }

    @Test
    void theDetectorKeepsItsStateOnAPersistentVolumePerPod() {
        for (Overlay overlay : Overlay.values()) {
            Manifests m = overlay.render();
            Map<String, Object> sts = m.get("StatefulSet", Service.BREACH_DETECTOR.module);
            Map<String, Object> c = container(sts, Service.BREACH_DETECTOR.module);
            String stateDir = environment(m, c).get("KAFKA_STREAMS_STATE_DIR");
            String volume = mounts(c).get(stateDir);
            assertEquals(volume, Manifests.at(sts, "spec", "volumeClaimTemplates", 0, "metadata", "name"), overlay.dir);
            assertNotNull(Manifests.at(sts, "spec", "volumeClaimTemplates", 0, "spec", "resources", "requests", "storage"));
            String headless = (String) Manifests.at(sts, "spec", "serviceName");
            assertEquals("None", Manifests.at(m.get("Service", headless), "spec", "clusterIP"), overlay.dir);
            assertEquals("$(POD_IP):" + Service.BREACH_DETECTOR.port,
                    environment(m, c).get("QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER"), overlay.dir);
        }
    }

    /** Every ConfigMap, Secret (and key) a pod refers to is part of the same render. */
    @ParameterizedTest
    @EnumSource(Overlay.class)
    @SuppressWarnings("unchecked")
    void everyReferencedConfigMapAndSecretExists(Overlay overlay) {
        Manifests m = overlay.render();
        List<Map<String, Object>> workloads = new ArrayList<>(m.ofKind("Deployment"));
        workloads.addAll(m.ofKind("StatefulSet"));
        for (Map<String, Object> w : workloads) {
            String where = overlay + " " + Kustomize.name(w);
            Map<String, Object> pod = podSpec(w);
            for (Map<String, Object> v : (List<Map<String, Object>>) pod.getOrDefault("volumes", List.of())) {
                if (v.containsKey("configMap")) {
                    assertTrue(m.has("ConfigMap", (String) Manifests.at(v, "configMap", "name")), where + " " + v);
                }
                if (v.containsKey("secret")) {
                    assertTrue(m.has("Secret", (String) Manifests.at(v, "secret", "secretName")), where + " " + v);
                }
            }
            for (Map<String, Object> c : (List<Map<String, Object>>) pod.get("containers")) {
                for (Map<String, Object> from : (List<Map<String, Object>>) c.getOrDefault("envFrom", List.of())) {
                    assertTrue(m.has("ConfigMap", (String) Manifests.at(from, "configMapRef", "name")), where + " " + from);
                }
                for (Map<String, Object> e : (List<Map<String, Object>>) c.getOrDefault("env", List.of())) {
                    Map<String, Object> ref = (Map<String, Object>) Manifests.at(e, "valueFrom", "secretKeyRef");
                    if (ref != null) {
                        Map<String, Object> secret = m.get("Secret", (String) ref.get("name"));
                        Map<String, Object> keys = new LinkedHashMap<>();
                        keys.putAll((Map<String, Object>) secret.getOrDefault("data", Map.of()));
                        keys.putAll((Map<String, Object>) secret.getOrDefault("stringData", Map.of()));
                        assertTrue(keys.containsKey(ref.get("key")), where + ": " + ref + " has no such key");
                    }
                }
                for (Map<String, Object> mount : (List<Map<String, Object>>) c.getOrDefault("volumeMounts", List.of())) {
                    boolean declared = ((List<Map<String, Object>>) pod.getOrDefault("volumes", List.of())).stream()
                            .anyMatch(v -> v.get("name").equals(mount.get("name")))
                            || ((List<Map<String, Object>>) Manifests.at(w, "spec", "volumeClaimTemplates") != null
                            && ((List<Map<String, Object>>) Manifests.at(w, "spec", "volumeClaimTemplates")).stream()
                            .anyMatch(t -> mount.get("name").equals(Manifests.at(t, "metadata", "name"))));
                    assertTrue(declared, where + ": volume " + mount.get("name") + " is declared");
                }
            }
        }
    }

    /** One namespace, and one label that finds everything ({@code kubectl get all -l app.kubernetes.io/part-of=surety}). */
    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyObjectIsInTheSuretyNamespaceAndLabelledPartOfSurety(Overlay overlay) {
        for (Map<String, Object> o : overlay.render().objects()) {
            String where = overlay + " " + o.get("kind") + "/" + Kustomize.name(o);
            assertEquals("surety", Manifests.at(o, "metadata", "labels", "app.kubernetes.io/part-of"), where);
            if (!Kustomize.CLUSTER_SCOPED.contains(o.get("kind"))) {
                assertEquals("surety", Manifests.at(o, "metadata", "namespace"), where);
            }
        }
    }

    @Test
    void prodSecretsComeFromFilesThatAreNeverCommitted() throws IOException {
        Path secrets = Repo.kubernetes().resolve("overlays/prod/secrets");
        assertEquals("*.env", Files.readAllLines(secrets.resolve(".gitignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse(""));
        for (String name : List.of("surety-db", "surety-jwt", "portal-oidc")) {
            assertTrue(Files.exists(secrets.resolve(name + ".env.example")), name);
            Map<String, Object> base = Overlay.BASE.render().get("Secret", name);
            @SuppressWarnings("unchecked")
            Map<String, Object> prod = (Map<String, Object>) Overlay.PROD.render().get("Secret", name).get("data");
            @SuppressWarnings("unchecked")
            Map<String, Object> placeholders = (Map<String, Object>) base.get("stringData");
            assertEquals(placeholders.keySet(), prod.keySet(), name + ": prod replaces every key of the placeholder");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> mounts(Map<String, Object> container) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Map<String, Object> vm : (List<Map<String, Object>>) container.getOrDefault("volumeMounts", List.of())) {
            mounts.put((String) vm.get("mountPath"), (String) vm.get("name"));
        }
        return mounts;
    }

    /** The project version: images are surety/<module>:<version> (root pom, Jib). */
    static String projectVersion() throws IOException {
        String pom = Files.readString(Repo.root().resolve("pom.xml"));
        Matcher v = Pattern.compile("<artifactId>surety-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(v.find(), "root pom version");
        return v.group(1);
    }

    /** Kubernetes quantities (Mi, Gi, M, G) and JVM sizes (m, g). */
    static long bytes(String q) {
        Matcher mt = Pattern.compile("(\\d+)([KMGkmg]i?)?").matcher(q);
        assertTrue(mt.matches(), "quantity " + q);
        long n = Long.parseLong(mt.group(1));
        String unit = mt.group(2) == null ? "" : mt.group(2);
        return switch (unit) {
            case "" -> n;
            case "k", "K", "Ki" -> n * 1024;
            case "m", "M", "Mi" -> n * 1024 * 1024;
            case "g", "G", "Gi" -> n * 1024 * 1024 * 1024;
            default -> throw new AssertionError("unit " + unit);
        };
    }

    static long millicores(String q) {
        return q.endsWith("m") ? Long.parseLong(q.substring(0, q.length() - 1)) : Long.parseLong(q) * 1000;
    }
}
