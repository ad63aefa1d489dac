package dev.surety.deploy.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The environments Kubernetes manifests under a directory give the Surety services, read without
 * a cluster or kustomize: every workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod,
 * and strategic-merge patches of them) in every file, its containers' {@code env} and the keys of
 * the ConfigMaps and Secrets its {@code envFrom} names (objects in any file, patches merged, and
 * kustomize {@code configMapGenerator}/{@code secretGenerator} literals and env files). Base and
 * overlays are merged per service: what any of them sets counts. A container is Surety's when its
 * name or image names a module.
 */
public final class KubernetesEnvironments {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
            "CronJob", "Pod");
    private static final Pattern DEPENDENT = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    /** The environments found, and the problems met on the way (an envFrom naming no object). */
    public record Result(List<ContainerEnvironment> containers, List<String> problems) {
    }

    private KubernetesEnvironments() {
    }

    public static Result read(Path directory) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> configMaps = new TreeMap<>();
        Map<String, Map<String, String>> secrets = new TreeMap<>();
        List<Map.Entry<Path, Map<String, Object>>> workloads = new ArrayList<>();
        for (Path file : files) {
            for (Map<String, Object> object : documents(file)) {
                String kind = String.valueOf(object.get("kind"));
                String name = String.valueOf(at(object, "metadata", "name"));
                String where = directory.relativize(file).toString();
                if (kind.equals("ConfigMap")) {
                    keys(object, "data").forEach(k -> configMaps.computeIfAbsent(name, n -> new LinkedHashMap<>())
                            .putIfAbsent(k, where));
                } else if (kind.equals("Secret")) {
                    Stream.concat(keys(object, "data").stream(), keys(object, "stringData").stream())
                            .forEach(k -> secrets.computeIfAbsent(name, n -> new LinkedHashMap<>()).putIfAbsent(k, where));
                } else if (kind.equals("Kustomization") || file.getFileName().toString().startsWith("kustomization.")) {
                    generated(file, object, "configMapGenerator", configMaps);
                    generated(file, object, "secretGenerator", secrets);
                } else if (WORKLOADS.contains(kind)) {
                    workloads.add(Map.entry(file, object));
                }
            }
        }
        Map<String, ContainerEnvironment> byService = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Path, Map<String, Object>> w : workloads) {
            Map<String, Object> object = w.getValue();
            String kind = String.valueOf(object.get("kind"));
            Object podSpec = kind.equals("Pod") ? object.get("spec")
                    : kind.equals("CronJob") ? at(object, "spec", "jobTemplate", "spec", "template", "spec")
                    : at(object, "spec", "template", "spec");
            Object containers = at(podSpec, "containers");
            if (!(containers instanceof List<?> list)) {
                continue;
            }
            for (Object c : list) {
                if (!(c instanceof Map<?, ?> container)) {
                    continue;
                }
                String service = ContainerEnvironment.serviceOf(String.valueOf(container.get("name")), container.get("image"));
                if (service == null) {
                    continue;
                }
                String where = directory.relativize(w.getKey()) + " " + kind + " " + at(object, "metadata", "name")
                        + " container " + container.get("name");
                Map<String, String> variables = new LinkedHashMap<>();
                Set<String> referenced = new LinkedHashSet<>();
                if (container.get("env") instanceof List<?> env) {
                    for (Object e : env) {
                        if (e instanceof Map<?, ?> m && m.get("name") != null) {
                            variables.put(String.valueOf(m.get("name")), "env");
                            if (m.get("value") instanceof String value) {
                                Matcher d = DEPENDENT.matcher(value);
                                while (d.find()) {
                                    referenced.add(d.group(1));
                                }
                            }
                        }
                    }
                }
                if (container.get("envFrom") instanceof List<?> envFrom) {
                    for (Object e : envFrom) {
                        if (!(e instanceof Map<?, ?> m)) {
                            continue;
                        }
                        String prefix = m.get("prefix") == null ? "" : String.valueOf(m.get("prefix"));
                        for (String refKind : List.of("configMapRef", "secretRef")) {
                            if (!(m.get(refKind) instanceof Map<?, ?> ref)) {
                                continue;
                            }
                            String name = String.valueOf(ref.get("name"));
                            Map<String, String> source = (refKind.equals("configMapRef") ? configMaps : secrets).get(name);
                            String label = (refKind.equals("configMapRef") ? "ConfigMap " : "Secret ") + name;
                            if (source == null) {
                                if (!Boolean.TRUE.equals(ref.get("optional"))) {
                                    problems.add(where + ": envFrom names " + label + ", which no manifest defines");
                                }
                                continue;
                            }
                            source.keySet().forEach(k -> variables.putIfAbsent(prefix + k, label));
                        }
                    }
                }
                ContainerEnvironment found = new ContainerEnvironment(service, where, variables, referenced);
                byService.merge(service, found, ContainerEnvironment::plus);
            }
        }
        return new Result(List.copyOf(byService.values()), problems);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> m) {
                    documents.add((Map<String, Object>) m);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** Keys of kustomize generators: {@code literals} ({@code K=V}) and {@code envs} files (or their {@code .example}). */
    private static void generated(Path kustomization, Map<String, Object> object, String generator,
                                  Map<String, Map<String, String>> into) {
        if (!(object.get(generator) instanceof List<?> list)) {
            return;
        }
        for (Object g : list) {
            if (!(g instanceof Map<?, ?> m) || m.get("name") == null) {
                continue;
            }
            Map<String, String> keys = into.computeIfAbsent(String.valueOf(m.get("name")), n -> new LinkedHashMap<>());
            String where = kustomization.getParent().getFileName() + "/" + kustomization.getFileName() + " " + generator;
            if (m.get("literals") instanceof List<?> literals) {
                literals.forEach(l -> keys.putIfAbsent(String.valueOf(l).split("=", 2)[0], where));
            }
            if (m.get("envs") instanceof List<?> envs) {
                for (Object e : envs) {
                    Path file = kustomization.resolveSibling(String.valueOf(e));
                    Path example = kustomization.resolveSibling(e + ".example");
                    Path read = Files.exists(file) ? file : Files.exists(example) ? example : null;
                    if (read != null) {
                        ComposeEnvironments.envFileKeys(read).forEach(k -> keys.putIfAbsent(k, where));
                    }
                }
            }
        }
    }

    private static List<String> keys(Map<String, Object> object, String field) {
        return object.get(field) instanceof Map<?, ?> m ? m.keySet().stream().map(String::valueOf).toList() : List.of();
    }

    private static Object at(Object node, String... path) {
        Object n = node;
        for (String p : path) {
            if (!(n instanceof Map<?, ?> m)) {
                return null;
            }
            n = m.get(p);
        }
        return n;
    }
}
