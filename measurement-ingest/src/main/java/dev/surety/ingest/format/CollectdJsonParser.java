package dev.surety.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.events.RawMetric;
import dev.surety.ingest.service.RejectedException;
import dev.surety.ingest.service.RejectionCategory;
import dev.surety.ingest.service.Sample;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * collectd's JSON (write_http and write_kafka with Format JSON): an array of value lists
 * {@code {values[], dstypes[], dsnames[], time, interval, host, plugin, plugin_instance, type, type_instance, meta?}}.
 * <ul>
 *   <li>metric = {@code plugin[_plugin_instance]_type[_type_instance]}, plus {@code _dsname} when the list has more
 *       than one data source;</li>
 *   <li>service = {@code meta.service} when it is a string, else the configured default service, else the host;
 *       source = the host; labels = the other string entries of {@code meta};</li>
 *   <li>{@code gauge}: the value; {@code absolute}: value / interval; {@code derive} and {@code counter}: a
 *       {@link CounterPoint}, turned into a rate per second against the previous value by {@link CollectdRates}.</li>
 * </ul>
 * Problems are named by path into the array, e.g. {@code [2].values[1]}.
 */
public final class CollectdJsonParser {

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private CollectdJsonParser() {
    }

    /** Whether a JSON payload looks like collectd's: value lists with {@code values} and {@code dstypes}. */
    public static boolean looksLikeCollectd(JsonNode root) {
        JsonNode first = root != null && root.isArray() && !root.isEmpty() ? root.get(0) : root;
        return first != null && first.isObject() && first.has("values") && first.has("dstypes");
    }

    public static Decoded parse(JsonNode root, DecodeContext ctx) {
        if (root == null || root.isMissingNode()) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "payload is empty");
        }
        List<JsonNode> lists = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(lists::add);
        } else if (root.isObject()) {
            lists.add(root);
        } else {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "collectd JSON must be an array of value lists");
        }
        if (lists.isEmpty()) {
            throw new RejectedException(RejectionCategory.INVALID, "$: must not be empty");
        }
        List<Sample> samples = new ArrayList<>();
        List<CounterPoint> counters = new ArrayList<>();
        List<String> shape = new ArrayList<>();
        int index = 0;
        for (int i = 0; i < lists.size(); i++) {
            String path = "[" + i + "]";
            JsonNode vl = lists.get(i);
            if (!vl.isObject()) {
                shape.add(path + ": must be an object");
                continue;
            }
            List<String> problems = new ArrayList<>();
            JsonNode values = vl.get("values");
            JsonNode dstypes = vl.get("dstypes");
            JsonNode dsnames = vl.get("dsnames");
            if (values == null || !values.isArray() || values.isEmpty()) {
                shape.add(path + ".values: must be a non-empty array");
                continue;
            }
            if (dstypes == null || !dstypes.isArray() || dstypes.size() != values.size()) {
                shape.add(path + ".dstypes: must be an array with one entry per value");
                continue;
            }
            if (dsnames != null && !dsnames.isNull() && (!dsnames.isArray() || dsnames.size() != values.size())) {
                shape.add(path + ".dsnames: must be an array with one entry per value");
                continue;
            }
            String host = text(vl, "host", path, problems);
            String plugin = text(vl, "plugin", path, problems);
            String pluginInstance = text(vl, "plugin_instance", path, problems);
            String type = text(vl, "type", path, problems);
            String typeInstance = text(vl, "type_instance", path, problems);
            if (host == null || host.isEmpty()) {
                problems.add(path + ".host: is required");
            }
            if (plugin == null || plugin.isEmpty()) {
                problems.add(path + ".plugin: is required");
            }
            if (type == null || type.isEmpty()) {
                problems.add(path + ".type: is required");
            }
            JsonNode timeNode = vl.get("time");
            double time = Double.NaN;
            Instant instant = null;
            if (timeNode == null || !timeNode.isNumber() || !Double.isFinite(timeNode.doubleValue())
                    || Math.abs(timeNode.doubleValue()) > 1e11) {
                problems.add(path + ".time: must be a number of seconds since the epoch");
            } else {
                time = timeNode.doubleValue();
                BigDecimal t = timeNode.decimalValue();
                long seconds = t.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
                long nanos = t.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
                instant = Instant.ofEpochSecond(seconds, nanos);
            }
            JsonNode intervalNode = vl.get("interval");
            double interval = intervalNode != null && intervalNode.isNumber() ? intervalNode.doubleValue() : Double.NaN;
            Map<String, String> labels = new LinkedHashMap<>();
            String service = null;
            JsonNode meta = vl.get("meta");
            if (meta != null && meta.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isTextual()) {
                        if (e.getKey().equals("service")) {
                            service = e.getValue().textValue();
                        } else {
                            labels.put(e.getKey(), e.getValue().textValue());
                        }
                    }
                }
            }
            if (service == null) {
                service = ctx.settings().defaultService() != null ? ctx.settings().defaultService() : host;
            }
            String base = join(plugin, pluginInstance) + "_" + join(type, typeInstance);
            for (int j = 0; j < values.size(); j++) {
                String vpath = path + ".values[" + j + "]";
                String dsname = dsnames != null && dsnames.isArray() && dsnames.get(j).isTextual()
                        ? dsnames.get(j).textValue() : "value";
                String metric = values.size() > 1 ? base + "_" + dsname : base;
                String dstype = dstypes.get(j).isTextual() ? dstypes.get(j).textValue() : "";
                JsonNode v = values.get(j);
                List<String> own = new ArrayList<>(problems);
                RawMetric template = new RawMetric(null, host, service, metric, labels, instant, 0.0, null, null);
                switch (dstype) {
                    case "gauge", "absolute" -> {
                        Double value = null;
                        if (v == null || v.isNull() || !v.isNumber()) {
                            own.add(vpath + ": must be finite");
                        } else {
                            value = v.doubleValue();
                            if (!Double.isFinite(value)) {
                                own.add(vpath + ": must be finite");
                                value = null;
                            } else if (dstype.equals("absolute")) {
                                if (!(interval > 0)) {
                                    own.add(path + ".interval: must be > 0 for an absolute value");
                                    value = null;
                                } else {
                                    value = value / interval;
                                }
                            }
                        }
                        samples.add(new Sample(index++, vpath, new RawMetric(null, host, service, metric, labels,
                                instant, value == null ? 0.0 : value, null, null), own));
                    }
                    case "derive", "counter" -> {
                        boolean counter = dstype.equals("counter");
                        Long raw = integer(v, counter);
                        if (raw == null) {
                            own.add(vpath + ": must be " + (counter ? "an unsigned" : "a signed")
                                    + " 64-bit integer for a " + dstype);
                        }
                        if (own.isEmpty()) {
                            counters.add(new CounterPoint(index++, vpath, String.join("/", host, plugin,
                                    nz(pluginInstance), type, nz(typeInstance), dsname), counter, raw, time, template));
                        } else {
                            samples.add(new Sample(index++, vpath, template, own));
                        }
                    }
                    default -> samples.add(new Sample(index++, vpath, template,
                            List.of(path + ".dstypes[" + j + "]: must be gauge, derive, counter or absolute")));
                }
            }
        }
        if (!shape.isEmpty()) {
            throw new RejectedException(RejectionCategory.INVALID, String.join("; ", shape));
        }
        return new Decoded(PayloadFormat.COLLECTD_JSON, samples, counters, 0);
    }

    private static Long integer(JsonNode v, boolean unsigned) {
        if (v == null || !v.isIntegralNumber()) {
            return null;
        }
        BigInteger b = v.bigIntegerValue();
        if (unsigned) {
            return b.signum() < 0 || b.compareTo(U64_MAX) > 0 ? null : b.longValue();
        }
        return b.bitLength() > 63 ? null : b.longValue();
    }

    private static String text(JsonNode vl, String name, String path, List<String> problems) {
        JsonNode v = vl.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(path + "." + name + ": must be a string");
            return null;
        }
        return v.textValue();
    }

    private static String join(String a, String instance) {
        return instance == null || instance.isEmpty() ? nz(a) : nz(a) + "_" + instance;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
