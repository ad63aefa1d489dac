package dev.surety.ingest.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.surety.events.EventCodec;
import dev.surety.events.RawMetric;
import dev.surety.events.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Surety's raw metric JSON: one object, or an array of objects (a batch). Fields are read one
 * by one rather than bound wholesale so that every problem is reported with the path of the field
 * that caused it, and so that integers stay integers (Jackson would silently truncate 1.5 to 1).
 * Clean payloads, by far the most common, are read in one streaming pass ({@link #parseClean}); everything
 * else through a tree, which words the problems.
 */
public final class RawMetricParser {

    private static final ObjectReader READER = EventCodec.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory FACTORY = EventCodec.mapper().getFactory();

    private RawMetricParser() {
    }

    /**
     * The samples of a payload, each with the problems met while reading it.
     *
     * @throws RejectedException ({@link RejectionCategory#UNPARSEABLE}) when the bytes are not JSON
     *                           or not an object or array
     */
    public static List<Sample> parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "payload is empty");
        }
        List<Sample> clean = parseClean(payload);
        if (clean != null) {
            return clean;
        }
        JsonNode root;
        try {
            root = READER.readTree(payload);
        } catch (JacksonException e) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "not valid JSON");
        }
        return parse(root);
    }

    /** Reads the JSON payload as a tree, or refuses it as unparseable. */
    public static JsonNode readTree(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "payload is empty");
        }
        try {
            return READER.readTree(payload);
        } catch (JacksonException e) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "not valid JSON");
        }
    }

    /** The samples of an already read JSON payload. */
    public static List<Sample> parse(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "payload is empty");
        }
        if (root.isObject()) {
            return List.of(read(0, "", root));
        }
        if (!root.isArray()) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE,
                    "payload must be a JSON object or an array of objects");
        }
        if (root.isEmpty()) {
            throw new RejectedException(RejectionCategory.INVALID, "samples: must not be empty");
        }
        List<Sample> samples = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            String path = "samples[" + i + "]";
            JsonNode item = root.get(i);
            if (item.isObject()) {
                samples.add(read(i, path, item));
            } else {
                samples.add(new Sample(i, path, null, List.of(path + ": must be an object")));
            }
        }
        return samples;
    }

    private static Sample read(int index, String path, JsonNode node) {
        List<String> problems = new ArrayList<>();
        Fields f = new Fields(path, node, problems);
        RawMetric metric = new RawMetric(
                f.text("id"), f.text("source"), f.text("service"), f.text("metric"),
                f.labels(), f.instant("timestamp"), f.number("value"), f.integer("good"), f.integer("total"));
        return new Sample(index, path, metric, problems);
    }

    /**
     * The samples of a payload read in one streaming pass, or null when the payload needs the tree reading. Only
     * clean payloads take this path: an object or a non-empty array of objects, each with nothing but the known
     * fields, each at most once, each of the expected type (or null), and timestamps in the plain
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} form. Anything else (a problem to report, a duplicate field, an unknown
     * field, a number that is not a plain integer where one is expected, unreadable JSON) returns null, and
     * {@link #parse(JsonNode)} then reads it and words every problem exactly as before. For the payloads this path
     * accepts it yields exactly what the tree reading yields, without building a tree per record.
     */
    public static List<Sample> parseClean(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(payload)) {
            JsonToken t = p.nextToken();
            List<Sample> samples;
            if (t == JsonToken.START_OBJECT) {
                RawMetric m = readClean(p);
                samples = m == null ? null : List.of(new Sample(0, "", m, List.of()));
            } else if (t == JsonToken.START_ARRAY) {
                samples = new ArrayList<>();
                while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                    RawMetric m = readClean(p);
                    if (m == null) {
                        return null;
                    }
                    int i = samples.size();
                    samples.add(new Sample(i, "samples[" + i + "]", m, List.of()));
                }
                if (t != JsonToken.END_ARRAY || samples.isEmpty()) {
                    return null;
                }
            } else {
                return null;
            }
            // Trailing tokens are an error of the tree reading (FAIL_ON_TRAILING_TOKENS): leave them to it.
            return samples == null || p.nextToken() != null ? null : samples;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** One sample object, the parser just past its START_OBJECT; null when it is not clean. */
    private static RawMetric readClean(JsonParser p) throws IOException {
        SampleFields f = new SampleFields();
        String name;
        while ((name = p.nextFieldName()) != null) {
            int field = switch (name) {
                case "id" -> SampleFields.ID;
                case "source" -> SampleFields.SOURCE;
                case "service" -> SampleFields.SERVICE;
                case "metric" -> SampleFields.METRIC;
                case "labels" -> SampleFields.LABELS;
                case "timestamp" -> SampleFields.TIMESTAMP;
                case "value" -> SampleFields.VALUE;
                case "good" -> SampleFields.GOOD;
                case "total" -> SampleFields.TOTAL;
                default -> 0;
            };
            if (!f.first(field)) {
                return null;
            }
            JsonToken t = p.nextToken();
            boolean isNull = t == JsonToken.VALUE_NULL;
            switch (field) {
                case SampleFields.LABELS -> {
                    if (t == JsonToken.START_OBJECT) {
                        f.labels = readCleanLabels(p);
                        if (f.labels == null) {
                            return null;
                        }
                    } else if (!isNull) {
                        return null;
                    }
                }
                case SampleFields.TIMESTAMP -> {
                    if (t == JsonToken.VALUE_STRING) {
                        f.timestamp = Timestamps.utcInstant(p.getText());
                        if (f.timestamp == null) {
                            return null;
                        }
                    } else if (!isNull) {
                        return null;
                    }
                }
                case SampleFields.VALUE -> {
                    if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                        // As the tree reads it: a BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS), then its double.
                        f.value = p.getDecimalValue().doubleValue();
                    } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        f.value = (double) p.getLongValue();
                    } else if (!isNull) {
                        return null;
                    }
                }
                case SampleFields.GOOD, SampleFields.TOTAL -> {
                    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        f.count(field, p.getLongValue());
                    } else if (!isNull) {
                        return null;
                    }
                }
                default -> { // id, source, service, metric
                    if (t != JsonToken.VALUE_STRING && !isNull) {
                        return null;
                    }
                    f.text(field, isNull ? null : p.getText());
                }
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            return null;
        }
        return f.metric();
    }

    /** A labels object of string values, each name once; null otherwise. */
    private static Map<String, String> readCleanLabels(JsonParser p) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (p.nextToken() != JsonToken.VALUE_STRING || labels.put(name, p.getText()) != null) {
                return null;
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT ? labels : null;
    }

    private static String describe(JacksonException e) {
        String msg = e.getOriginalMessage();
        // Jackson appends "\n at [Source: ...]" to some messages; only the first line is for people.
        int nl = msg == null ? -1 : msg.indexOf('\n');
        String first = msg == null ? "unreadable" : nl >= 0 ? msg.substring(0, nl) : msg;
        JsonLocation loc = e.getLocation();
        return loc == null ? first : first + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    /** Reads the fields of one sample object, recording a problem per unreadable field. */
    private record Fields(String path, JsonNode node, List<String> problems) {

        private JsonNode present(String name) {
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? null : v;
        }

        private void problem(String name, String message) {
            problems.add(Sample.fieldPath(path, name) + ": " + message);
        }

        String text(String name) {
            JsonNode v = present(name);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                problem(name, "must be a string");
                return null;
            }
            return v.textValue();
        }

        Map<String, String> labels() {
            JsonNode v = present("labels");
            if (v == null) {
                return Map.of();
            }
            if (!v.isObject()) {
                problem("labels", "must be an object of string values");
                return Map.of();
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    labels.put(e.getKey(), e.getValue().textValue());
                } else {
                    problem("labels." + e.getKey(), "must be a string");
                }
            }
            return labels;
        }

        Instant instant(String name) {
            JsonNode v = present(name);
            if (v == null) {
                return null;
            }
            if (v.isTextual() || v.isNumber()) {
                try {
                    // Same reading as EventCodec, so what a producer encodes with it is accepted here.
                    return EventCodec.mapper().treeToValue(v, Instant.class);
                } catch (JacksonException | RuntimeException e) {
                    // fall through to the problem below
                }
            }
            problem(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            return null;
        }

        Double number(String name) {
            JsonNode v = present(name);
            if (v == null) {
                return null;
            }
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(v.textValue())) {
                // What Jackson writes for non-finite doubles; reported as such rather than as a type error.
                problem(name, "must be finite");
                return null;
            }
            problem(name, "must be a number");
            return null;
        }

        Long integer(String name) {
            JsonNode v = present(name);
            if (v == null) {
                return null;
            }
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.longValue();
            }
            if (v.isNumber() && v.canConvertToExactIntegral() && v.canConvertToLong()) {
                return v.longValue();
            }
            problem(name, "must be an integer");
            return null;
        }
    }
}
