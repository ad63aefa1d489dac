package dev.surety.deploy.kubernetes;

import java.util.List;
import java.util.Map;

/** Rendered Kubernetes objects with a few look-ups. */
record Manifests(List<Map<String, Object>> objects) {

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> get(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(Kustomize.name(o)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    boolean has(String kind, String name) {
        return objects.stream().anyMatch(o -> kind.equals(o.get("kind")) && name.equals(Kustomize.name(o)));
    }

    /** The value at a path of map keys and list indexes, or null. */
    static Object at(Object node, Object... path) {
        Object n = node;
        for (Object p : path) {
            if (n instanceof Map<?, ?> m) {
                n = m.get(p);
            } else if (n instanceof List<?> l && p instanceof Integer i) {
                n = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return n;
    }
}
