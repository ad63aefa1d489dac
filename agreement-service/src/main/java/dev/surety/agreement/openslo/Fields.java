package dev.surety.agreement.openslo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one YAML mapping field by field, reporting each problem at its exact path. Every key asked
 * for is "known"; {@link #finish()} reports every other key as unknown, so nothing is ignored silently.
 */
final class Fields {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> rejected = new LinkedHashSet<>();

    private Fields(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** A reader over {@code node}; when it is not a mapping, the problem is reported and the reader is empty. */
    static Fields of(JsonNode node, String path, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(path, "must be a mapping");
            return new Fields(JsonNodeFactory.instance.objectNode(), path, problems);
        }
        return new Fields(node, path, problems);
    }

    /** The path of a key below {@code base}. */
    static String child(String base, String key) {
        String seg = PLAIN_KEY.matcher(key).matches() ? "." + key : "[\"" + key.replace("\"", "\\\"") + "\"]";
        return base.isEmpty() && seg.startsWith(".") ? seg.substring(1) : base + seg;
    }

    String path() {
        return path;
    }

    String at(String key) {
        return child(path, key);
    }

    Problems problems() {
        return problems;
    }

    void error(String key, String message) {
        problems.add(at(key), message);
    }

    boolean has(String key) {
        JsonNode n = node.get(key);
        return n != null && !n.isNull();
    }

    /** The raw value, marking the key known; null when absent or null (reported when required). */
    JsonNode take(String key, boolean required) {
        known.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) {
            if (required) {
                problems.add(at(key), "is required");
            }
            return null;
        }
        return n;
    }

    /** A string as written; free text may be empty (an empty description round-trips as empty). */
    String string(String key, boolean required) {
        JsonNode n = take(key, required);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            problems.add(at(key), "must be a string" + (n.isValueNode() ? " (quote it)" : ""));
            return null;
        }
        return n.textValue();
    }

    /** A name or reference: a non-blank string. */
    String name(String key, boolean required) {
        String s = string(key, required);
        if (s != null && s.isBlank()) {
            problems.add(at(key), "must not be blank");
            return null;
        }
        return s;
    }

    BigDecimal number(String key, boolean required) {
        JsonNode n = take(key, required);
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            problems.add(at(key), "must be a number");
            return null;
        }
        return n.decimalValue();
    }

    Integer integer(String key, boolean required) {
        JsonNode n = take(key, required);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            problems.add(at(key), "must be an integer");
            return null;
        }
        return n.intValue();
    }

    Boolean bool(String key, boolean required) {
        JsonNode n = take(key, required);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            problems.add(at(key), "must be true or false");
            return null;
        }
        return n.booleanValue();
    }

    /** A nested mapping, or null when absent or not a mapping (reported). */
    Fields object(String key, boolean required) {
        JsonNode n = take(key, required);
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            problems.add(at(key), "must be a mapping");
            return null;
        }
        return new Fields(n, at(key), problems);
    }

    /** A list, or null when absent or not a list (reported). */
    List<JsonNode> list(String key, boolean required) {
        JsonNode n = take(key, required);
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            problems.add(at(key), "must be a list");
            return null;
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    /** A list of strings (each checked at its index). */
    List<String> strings(String key, boolean required) {
        List<JsonNode> items = list(key, required);
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode n = items.get(i);
            if (n == null || !n.isTextual() || n.textValue().isBlank()) {
                problems.add(at(key) + "[" + i + "]", "must be a non-blank string");
            } else {
                out.add(n.textValue());
            }
        }
        return out;
    }

    /** A mapping of strings to strings (each value checked at its key). */
    Map<String, String> stringMap(String key, boolean required) {
        Fields f = object(key, required);
        if (f == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = f.node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() == null || !e.getValue().isTextual()) {
                problems.add(f.at(e.getKey()), "must be a string" + (e.getValue() != null && e.getValue().isValueNode() ? " (quote it)" : ""));
            } else {
                out.put(e.getKey(), e.getValue().textValue());
            }
        }
        return out;
    }

    Duration isoDuration(String key, boolean required) {
        String s = string(key, required);
        if (s == null) {
            return null;
        }
        try {
            return Duration.parse(s);
        } catch (DateTimeException e) {
            problems.add(at(key), "must be an ISO-8601 duration such as PT5M or P1D");
            return null;
        }
    }

    /** An OpenSLO duration-shorthand of fixed length (m, h, d, w). */
    Duration shorthand(String key, boolean required) {
        String s = string(key, required);
        if (s == null) {
            return null;
        }
        try {
            return Shorthand.parse(s);
        } catch (IllegalArgumentException e) {
            problems.add(at(key), e.getMessage());
            return null;
        }
    }

    Instant instant(String key, boolean required) {
        String s = string(key, required);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            problems.add(at(key), "must be an ISO-8601 instant with offset such as 2026-01-01T00:00:00Z");
            return null;
        }
    }

    String zone(String key, boolean required) {
        String s = string(key, required);
        if (s == null) {
            return null;
        }
        try {
            ZoneId.of(s);
            return s;
        } catch (DateTimeException e) {
            problems.add(at(key), "must be an IANA time zone such as Europe/Berlin");
            return null;
        }
    }

    <E extends Enum<E>> E enumeration(String key, Class<E> type, boolean required) {
        String s = string(key, required);
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            problems.add(at(key), "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
            return null;
        }
    }

    /** Reports {@code key} when present, with why Surety cannot take it. */
    void reject(String key, String why) {
        known.add(key);
        rejected.add(key);
        if (node.has(key)) {
            problems.add(at(key), why);
        }
    }

    /** Reports every key that was not asked for. */
    void finish() {
        Set<String> expected = new TreeSet<>(known);
        expected.removeAll(rejected);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                problems.add(at(k), expected.isEmpty() ? "unknown field; nothing is expected here"
                        : "unknown field; expected one of: " + String.join(", ", expected));
            }
        }
    }
}
