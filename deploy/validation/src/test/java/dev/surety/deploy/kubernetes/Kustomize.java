package dev.surety.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of Kustomize the Surety
 * manifests use, so the tests see exactly what a cluster would get without a kustomize binary. Anything
 * outside the subset is refused (the test fails), never silently ignored:
 * <ul>
 *   <li>{@code resources}: files (several YAML documents each) and directories holding a kustomization;</li>
 *   <li>{@code namespace};</li>
 *   <li>{@code configMapGenerator} / {@code secretGenerator} with {@code files}, {@code literals},
 *       {@code envs} and {@code behavior} create / replace / merge, only with name suffix hashes off;</li>
 *   <li>{@code patches}: strategic merge patches (lists of maps merged by {@code name}, volume mounts by
 *       {@code mountPath}, ports by {@code containerPort}; {@code $patch: delete}) and JSON 6902 patches
 *       (add / replace / remove), by file or inline, with an optional {@code target} (kind, name, group,
 *       version).</li>
 *   <li>{@code images}: {@code newName}, {@code newTag} and {@code digest} of containers' images.</li>
 * </ul>
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "resources",
            "patches", "configMapGenerator", "secretGenerator", "generatorOptions", "images");

    /** Kinds without a namespace among those the manifests use. */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "PersistentVolume", "StorageClass",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass");

    /** Reads a file a generator names; tests may substitute files that are never committed. */
    private final Function<Path, Path> fileResolver;

    Kustomize() {
        this(Function.identity());
    }

    Kustomize(Function<Path, Path> fileResolver) {
        this.fileResolver = fileResolver;
    }

    /** The objects {@code kubectl kustomize dir} prints (order aside). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        Map<String, Object> k = (Map<String, Object>) readYaml(file).get(0);
        for (String key : k.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException(file + ": field '" + key + "' is not supported by the test renderer");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String r : (List<String>) k.getOrDefault("resources", List.of())) {
            Path p = dir.resolve(r).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(build(p));
            } else {
                for (Object o : readYaml(p)) {
                    objects.add((Map<String, Object>) o);
                }
            }
        }
        Map<String, Object> options = (Map<String, Object>) k.getOrDefault("generatorOptions", Map.of());
        for (Object g : (List<Object>) k.getOrDefault("configMapGenerator", List.of())) {
            generate(dir, objects, (Map<String, Object>) g, options, false);
        }
        for (Object g : (List<Object>) k.getOrDefault("secretGenerator", List.of())) {
            generate(dir, objects, (Map<String, Object>) g, options, true);
        }
        for (Object p : (List<Object>) k.getOrDefault("patches", List.of())) {
            patch(dir, objects, (Map<String, Object>) p);
        }
        for (Object i : (List<Object>) k.getOrDefault("images", List.of())) {
            Map<String, Object> image = (Map<String, Object>) i;
            for (Map<String, Object> o : objects) {
                Object pod = o.get("kind").equals("Pod") ? o.get("spec") : at(o, "spec", "template", "spec");
                for (String list : List.of("initContainers", "containers")) {
                    Object containers = pod instanceof Map<?, ?> m ? m.get(list) : null;
                    for (Object c : containers instanceof List<?> l ? l : List.of()) {
                        Map<String, Object> container = (Map<String, Object>) c;
                        container.put("image", retag((String) container.get("image"), image));
                    }
                }
            }
        }
        Object ns = k.get("namespace");
        if (ns != null) {
            for (Map<String, Object> o : objects) {
                if (!CLUSTER_SCOPED.contains(o.get("kind"))) {
                    metadata(o).put("namespace", ns);
                }
            }
        }
        return objects;
    }

    /** An image reference after a kustomization {@code images} entry, as kustomize rewrites it. */
    static String retag(String ref, Map<String, Object> entry) {
        String name = ref;
        String suffix = "";
        int at = ref.indexOf('@');
        int colon = ref.lastIndexOf(':');
        if (at >= 0) {
            name = ref.substring(0, at);
            suffix = ref.substring(at);
        } else if (colon > ref.lastIndexOf('/')) {
            name = ref.substring(0, colon);
            suffix = ref.substring(colon);
        }
        if (!name.equals(entry.get("name"))) {
            return ref;
        }
        if (entry.get("newName") != null) {
            name = (String) entry.get("newName");
        }
        if (entry.get("digest") != null) {
            suffix = "@" + entry.get("digest");
        } else if (entry.get("newTag") != null) {
            suffix = ":" + entry.get("newTag");
        }
        return name + suffix;
    }

    private static Object at(Object node, String... path) {
        Object n = node;
        for (String p : path) {
            n = n instanceof Map<?, ?> m ? m.get(p) : null;
        }
        return n;
    }

    static List<Object> readYaml(Path file) {
        try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(file.toFile())) {
            List<Object> docs = new ArrayList<>();
            while (it.hasNext()) {
                Object doc = it.next();
                if (doc != null) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> o) {
        return (Map<String, Object>) o.computeIfAbsent("metadata", x -> new LinkedHashMap<>());
    }

    static String name(Map<String, Object> o) {
        return (String) metadata(o).get("name");
    }

    @SuppressWarnings("unchecked")
    private void generate(Path dir, List<Map<String, Object>> objects, Map<String, Object> g,
                          Map<String, Object> globalOptions, boolean secret) {
        Map<String, Object> options = new LinkedHashMap<>(globalOptions);
        options.putAll((Map<String, Object>) g.getOrDefault("options", Map.of()));
        String name = (String) g.get("name");
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            throw new IllegalArgumentException(dir + ": generator '" + name
                    + "' needs disableNameSuffixHash: true (the test renderer does not compute name hashes)");
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (Object f : (List<Object>) g.getOrDefault("files", List.of())) {
            String spec = (String) f;
            int eq = spec.indexOf('=');
            String key = eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq);
            data.put(key, read(dir.resolve(eq < 0 ? spec : spec.substring(eq + 1))));
        }
        for (Object l : (List<Object>) g.getOrDefault("literals", List.of())) {
            String spec = (String) l;
            data.put(spec.substring(0, spec.indexOf('=')), spec.substring(spec.indexOf('=') + 1));
        }
        for (Object e : (List<Object>) g.getOrDefault("envs", List.of())) {
            for (String line : read(dir.resolve((String) e)).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    data.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1));
                }
            }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", "v1");
        o.put("kind", secret ? "Secret" : "ConfigMap");
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("name", name);
        for (String field : options.keySet()) {
            if (!Set.of("disableNameSuffixHash", "labels").contains(field)) {
                throw new IllegalArgumentException(dir + ": generator option '" + field + "' is not supported");
            }
        }
        if (options.get("labels") != null) {
            md.put("labels", new LinkedHashMap<>((Map<String, Object>) options.get("labels")));
        }
        o.put("metadata", md);
        if (secret) {
            o.put("type", g.getOrDefault("type", "Opaque"));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        data.forEach((key, v) -> values.put(key,
                secret ? Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)) : v));
        o.put("data", values);
        String behavior = (String) g.getOrDefault("behavior", "create");
        Map<String, Object> existing = objects.stream()
                .filter(x -> o.get("kind").equals(x.get("kind")) && name.equals(name(x)))
                .findFirst().orElse(null);
        switch (behavior) {
            case "create" -> {
                if (existing != null) {
                    throw new IllegalArgumentException(dir + ": " + name + " exists already (use behavior replace or merge)");
                }
                objects.add(o);
            }
            case "replace" -> {
                if (existing == null) {
                    throw new IllegalArgumentException(dir + ": nothing named " + name + " to replace");
                }
                objects.set(objects.indexOf(existing), o);
            }
            case "merge" -> {
                if (existing == null) {
                    throw new IllegalArgumentException(dir + ": nothing named " + name + " to merge into");
                }
                // Secrets in base files may use stringData; kustomize folds it into data.
                Map<String, Object> merged = new LinkedHashMap<>();
                Map<String, Object> stringData = (Map<String, Object>) existing.remove("stringData");
                if (stringData != null) {
                    stringData.forEach((key, v) -> merged.put(key, Base64.getEncoder()
                            .encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
                }
                merged.putAll((Map<String, Object>) existing.getOrDefault("data", Map.of()));
                merged.putAll(values);
                existing.put("data", merged);
            }
            default -> throw new IllegalArgumentException(dir + ": behavior " + behavior + " is not supported");
        }
    }

    private String read(Path file) {
        try {
            return Files.readString(fileResolver.apply(file.normalize()));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private void patch(Path dir, List<Map<String, Object>> objects, Map<String, Object> p) {
        for (String key : p.keySet()) {
            if (!Set.of("path", "patch", "target").contains(key)) {
                throw new IllegalArgumentException(dir + ": patch field '" + key + "' is not supported");
            }
        }
        String text = p.containsKey("path") ? read(dir.resolve((String) p.get("path"))) : (String) p.get("patch");
        boolean jsonPatch = text.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.equals("---"))
                .findFirst().orElse("").startsWith("-");
        if (jsonPatch) {
            try {
                patch(dir, objects, YAML.readValue(text, Object.class), (Map<String, Object>) p.get("target"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        List<Object> docs = new ArrayList<>();
        try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(text)) {
            while (it.hasNext()) {
                Object doc = it.next();
                if (doc != null) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> target = (Map<String, Object>) p.get("target");
        if (docs.size() > 1 && target == null) {
            // Several strategic merge patches in one file, each finding its object by kind and name.
            for (Object doc : docs) {
                patch(dir, objects, (Map<String, Object>) doc, null);
            }
            return;
        }
        patch(dir, objects, docs.get(0), target);
    }

    @SuppressWarnings("unchecked")
    private void patch(Path dir, List<Map<String, Object>> objects, Object body, Map<String, Object> target) {
        if (body instanceof List<?> ops) {
            if (target == null) {
                throw new IllegalArgumentException(dir + ": a JSON 6902 patch needs a target");
            }
            List<Map<String, Object>> hits = select(objects, target);
            if (hits.isEmpty()) {
                throw new IllegalArgumentException(dir + ": patch target matches nothing: " + target);
            }
            for (Map<String, Object> o : hits) {
                for (Object op : ops) {
                    JsonPatch.apply(o, (Map<String, Object>) op);
                }
            }
            return;
        }
        Map<String, Object> smp = (Map<String, Object>) body;
        List<Map<String, Object>> hits;
        if (target != null) {
            hits = select(objects, target);
        } else {
            hits = objects.stream().filter(o -> Objects.equals(o.get("kind"), smp.get("kind"))
                    && Objects.equals(name(o), name(smp))).toList();
        }
        if (hits.isEmpty()) {
            throw new IllegalArgumentException(dir + ": strategic merge patch matches nothing: "
                    + (target != null ? target : smp.get("kind") + "/" + name(smp)));
        }
        for (Map<String, Object> o : List.copyOf(hits)) {
            if ("delete".equals(smp.get("$patch"))) {
                objects.remove(o);
                continue;
            }
            Map<String, Object> body2 = deepCopy(smp);
            if (target != null) {
                // With a target, the patch's own name is a placeholder.
                metadata(body2).put("name", name(o));
            }
            merge(o, body2, "");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> select(List<Map<String, Object>> objects, Map<String, Object> target) {
        for (String key : target.keySet()) {
            if (!Set.of("kind", "name", "group", "version").contains(key)) {
                throw new IllegalArgumentException("patch target field '" + key + "' is not supported");
            }
        }
        return objects.stream().filter(o -> {
            String apiVersion = (String) o.get("apiVersion");
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            return (!target.containsKey("kind") || target.get("kind").equals(o.get("kind")))
                    && (!target.containsKey("name") || target.get("name").equals(name(o)))
                    && (!target.containsKey("group") || target.get("group").equals(group))
                    && (!target.containsKey("version") || target.get("version").equals(version));
        }).toList();
    }

    /** Strategic merge of {@code patch} into {@code target}. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch, String field) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object pv = e.getValue();
            Object tv = target.get(key);
            if (pv == null) {
                target.remove(key);
            } else if (pv instanceof Map<?, ?> pm && tv instanceof Map<?, ?> tm) {
                merge((Map<String, Object>) tm, (Map<String, Object>) pm, key);
            } else if (pv instanceof List<?> pl && tv instanceof List<?> tl && mergeKey(key, pl, tl) != null) {
                String mk = mergeKey(key, pl, tl);
                List<Object> result = new ArrayList<>(tl);
                // Like Kubernetes' strategic merge: items the target lacks come first, in patch order.
                int inserted = 0;
                for (Object item : pl) {
                    Map<String, Object> pi = (Map<String, Object>) item;
                    Map<String, Object> ti = (Map<String, Object>) result.stream()
                            .filter(x -> Objects.equals(((Map<String, Object>) x).get(mk), pi.get(mk)))
                            .findFirst().orElse(null);
                    if ("delete".equals(pi.get("$patch"))) {
                        result.remove(ti);
                    } else if (ti == null) {
                        result.add(inserted++, deepCopy(pi));
                    } else {
                        merge(ti, pi, key);
                    }
                }
                target.put(key, result);
            } else {
                target.put(key, pv instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : pv);
            }
        }
    }

    /** The strategic merge key of a list field, or null when the list is replaced as a whole. */
    private static String mergeKey(String field, List<?> patch, List<?> target) {
        String key = switch (field) {
            case "volumeMounts" -> "mountPath";
            case "ports" -> "containerPort";
            case "containers", "initContainers", "env", "volumes" -> "name";
            default -> null;
        };
        if (key == null || !patch.stream().allMatch(x -> x instanceof Map<?, ?> m && m.containsKey(key))) {
            return null;
        }
        return key;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> m) {
        return YAML.convertValue(YAML.valueToTree(m), LinkedHashMap.class);
    }

    static JsonNode tree(Object o) {
        return YAML.valueToTree(o);
    }
}
