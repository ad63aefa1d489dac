package dev.surety.deploy.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** RFC 6902 {@code add}, {@code replace} and {@code remove} on a YAML object tree (maps and lists). */
final class JsonPatch {

    private JsonPatch() {
    }

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> doc, Map<String, Object> op) {
        String kind = (String) op.get("op");
        String path = (String) op.get("path");
        List<String> tokens = new ArrayList<>();
        for (String t : path.substring(1).split("/", -1)) {
            tokens.add(t.replace("~1", "/").replace("~0", "~"));
        }
        Object parent = doc;
        for (String t : tokens.subList(0, tokens.size() - 1)) {
            parent = child(parent, t, path);
        }
        String last = tokens.get(tokens.size() - 1);
        Object value = op.get("value");
        switch (kind) {
            case "add" -> {
                if (parent instanceof Map<?, ?> m) {
                    ((Map<String, Object>) m).put(last, value);
                } else {
                    List<Object> l = (List<Object>) parent;
                    l.add("-".equals(last) ? l.size() : Integer.parseInt(last), value);
                }
            }
            case "replace" -> {
                if (parent instanceof Map<?, ?> m) {
                    if (!m.containsKey(last)) {
                        throw new IllegalArgumentException("replace of a missing member: " + path);
                    }
                    ((Map<String, Object>) m).put(last, value);
                } else {
                    ((List<Object>) parent).set(Integer.parseInt(last), value);
                }
            }
            case "remove" -> {
                Object removed = parent instanceof Map<?, ?> m
                        ? ((Map<String, Object>) m).remove(last)
                        : ((List<Object>) parent).remove(Integer.parseInt(last));
                if (removed == null) {
                    throw new IllegalArgumentException("remove of a missing member: " + path);
                }
            }
            default -> throw new IllegalArgumentException("JSON patch op '" + kind + "' is not supported");
        }
    }

    private static Object child(Object node, String token, String path) {
        Object next = node instanceof Map<?, ?> m ? m.get(token)
                : node instanceof List<?> l ? l.get(Integer.parseInt(token)) : null;
        if (next == null) {
            throw new IllegalArgumentException("JSON patch path not found: " + path);
        }
        return next;
    }
}
