package dev.surety.ingest.format;

import dev.surety.events.RawMetric;
import dev.surety.ingest.service.RejectedException;
import dev.surety.ingest.service.RejectionCategory;
import dev.surety.ingest.service.Sample;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * InfluxDB line protocol as Telegraf writes it ({@code measurement,tag=v field=1i,f2=2.5 1700000000000000000}),
 * one point per line. Mapping to samples:
 * <ul>
 *   <li>every numeric or boolean field {@code f} of measurement {@code m} is a value sample of metric {@code m_f}
 *       (booleans are 1 and 0); string fields are ignored;</li>
 *   <li>the fields named {@code good} and {@code total} (configurable) together are one counted sample of metric
 *       {@code m};</li>
 *   <li>service = the {@code service} tag (configurable, else the configured default service), source = the
 *       {@code host} tag (else the agent), labels = the other tags.</li>
 * </ul>
 * A syntax error anywhere makes the payload unparseable, each error named as {@code lines[n]} with the 1-based line
 * number (as editors and InfluxDB number lines).
 */
public final class InfluxLineParser {

    /** A float as InfluxDB accepts it: no NaN, no Infinity, no hex. */
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern UNSIGNED = Pattern.compile("\\d+");

    private InfluxLineParser() {
    }

    /** The samples of a line-protocol payload; throws (unparseable) naming every bad line. */
    public static Decoded parse(byte[] payload, DecodeContext ctx) {
        if (payload == null || payload.length == 0) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "payload is empty");
        }
        long unitNanos = unitNanos(ctx.precision());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "line protocol must be UTF-8");
        }
        List<Sample> samples = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int skipped = 0;
        int lineNo = 0;
        int points = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            points++;
            String path = "lines[" + lineNo + "]";
            try {
                List<Sample> fromLine = new Line(line, path, unitNanos, ctx).samples(samples.size());
                if (fromLine.isEmpty()) {
                    skipped++;
                }
                samples.addAll(fromLine);
            } catch (SyntaxError e) {
                errors.add(path + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, String.join("; ", errors));
        }
        if (points == 0) {
            throw new RejectedException(RejectionCategory.UNPARSEABLE, "payload holds no line-protocol point");
        }
        return new Decoded(PayloadFormat.INFLUX_LINE, samples, List.of(), skipped);
    }

    /** Nanoseconds per timestamp unit of a precision parameter. */
    public static long unitNanos(String precision) {
        if (precision == null || precision.isEmpty()) {
            return 1;
        }
        return switch (precision) {
            case "ns", "n" -> 1;
            case "us", "u", "µs" -> 1_000;
            case "ms" -> 1_000_000;
            case "s" -> 1_000_000_000;
            default -> throw new RejectedException(RejectionCategory.INVALID,
                    "precision: must be one of ns, us, ms, s (or n, u), not '" + precision + "'");
        };
    }

    /** A syntax error in one line; its message names the part of the line. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    /** A scanner over one line. */
    private static final class Line {
        private final String s;
        private final String path;
        private final long unitNanos;
        private final DecodeContext ctx;
        private int pos;

        Line(String s, String path, long unitNanos, DecodeContext ctx) {
            this.s = s;
            this.path = path;
            this.unitNanos = unitNanos;
            this.ctx = ctx;
        }

        List<Sample> samples(int firstIndex) {
            String measurement = token(",  ".toCharArray(), false, true);
            if (measurement.isEmpty()) {
                throw new SyntaxError("missing measurement");
            }
            Map<String, String> tags = new LinkedHashMap<>();
            while (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                String key = token(new char[] {'=', ',', ' '}, true, false);
                if (key.isEmpty() || pos >= s.length() || s.charAt(pos) != '=') {
                    throw new SyntaxError("tag without key or '=' at column " + (pos + 1));
                }
                pos++;
                String value = token(new char[] {',', ' ', '='}, true, false);
                if (value.isEmpty()) {
                    throw new SyntaxError("tag '" + key + "' has no value");
                }
                tags.put(key, value);
            }
            if (pos >= s.length() || s.charAt(pos) != ' ') {
                throw new SyntaxError("missing fields");
            }
            skipSpaces();
            Map<String, Object> fields = new LinkedHashMap<>();
            while (true) {
                String key = token(new char[] {'=', ',', ' '}, true, false);
                if (key.isEmpty() || pos >= s.length() || s.charAt(pos) != '=') {
                    throw new SyntaxError(key.isEmpty() ? "missing fields" : "field '" + key + "' has no value");
                }
                pos++;
                fields.put(key, fieldValue(key));
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                break;
            }
            Instant time = ctx.receivedAt();
            if (pos < s.length()) {
                if (s.charAt(pos) != ' ') {
                    throw new SyntaxError("unexpected '" + s.charAt(pos) + "' at column " + (pos + 1));
                }
                skipSpaces();
                String ts = s.substring(pos).strip();
                if (!ts.isEmpty()) {
                    time = timestamp(ts);
                }
            }
            return toSamples(firstIndex, measurement, tags, fields, time);
        }

        private List<Sample> toSamples(int firstIndex, String measurement, Map<String, String> tags,
                                       Map<String, Object> fields, Instant time) {
            FormatSettings cfg = ctx.settings();
            Map<String, String> labels = new LinkedHashMap<>(tags);
            String service = labels.remove(cfg.serviceTag());
            String source = labels.remove(cfg.sourceTag());
            List<String> problems = new ArrayList<>();
            if (service == null) {
                service = cfg.defaultService();
                if (service == null) {
                    problems.add(path + ".service: is required: no '" + cfg.serviceTag()
                            + "' tag and no surety.ingest.default-service");
                }
            }
            if (source == null) {
                source = ctx.defaultSource();
            }
            List<Sample> out = new ArrayList<>();
            Object good = fields.get(cfg.goodField());
            Object total = fields.get(cfg.totalField());
            boolean counted = good instanceof Number && total instanceof Number;
            if (counted) {
                List<String> own = new ArrayList<>(problems);
                Long g = count(good, cfg.goodField(), own);
                Long t = count(total, cfg.totalField(), own);
                out.add(new Sample(firstIndex + out.size(), path, new RawMetric(null, source, service, measurement,
                        labels, time, null, g, t), own));
            }
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                if (counted && (f.getKey().equals(cfg.goodField()) || f.getKey().equals(cfg.totalField()))) {
                    continue;
                }
                Double value = f.getValue() instanceof Number n ? Double.valueOf(n.doubleValue())
                        : f.getValue() instanceof Boolean b ? Double.valueOf(b ? 1 : 0) : null;
                if (value == null) {
                    continue; // string fields carry no measurable value
                }
                out.add(new Sample(firstIndex + out.size(), path, new RawMetric(null, source, service,
                        measurement + "_" + f.getKey(), labels, time, value, null, null), problems));
            }
            return out;
        }

        private Long count(Object v, String field, List<String> problems) {
            if (v instanceof Long l) {
                return l;
            }
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
                return (long) d;
            }
            problems.add(path + "." + field + ": must be an integer");
            return null;
        }

        private Instant timestamp(String ts) {
            if (!INTEGER.matcher(ts).matches()) {
                throw new SyntaxError("timestamp '" + ts + "' is not an integer");
            }
            long value;
            try {
                value = Long.parseLong(ts);
            } catch (NumberFormatException e) {
                throw new SyntaxError("timestamp '" + ts + "' is out of range");
            }
            long perSecond = 1_000_000_000L / unitNanos;
            long seconds = Math.floorDiv(value, perSecond);
            long nanos = Math.floorMod(value, perSecond) * unitNanos;
            return Instant.ofEpochSecond(seconds, nanos);
        }

        private Object fieldValue(String key) {
            if (pos >= s.length()) {
                throw new SyntaxError("field '" + key + "' has no value");
            }
            if (s.charAt(pos) == '"') {
                pos++;
                StringBuilder b = new StringBuilder();
                while (pos < s.length()) {
                    char c = s.charAt(pos);
                    if (c == '\\' && pos + 1 < s.length() && (s.charAt(pos + 1) == '"' || s.charAt(pos + 1) == '\\')) {
                        b.append(s.charAt(pos + 1));
                        pos += 2;
                    } else if (c == '"') {
                        pos++;
                        return b.toString();
                    } else {
                        b.append(c);
                        pos++;
                    }
                }
                throw new SyntaxError("field '" + key + "': unterminated string");
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ' ') {
                pos++;
            }
            String raw = s.substring(start, pos);
            if (raw.isEmpty()) {
                throw new SyntaxError("field '" + key + "' has no value");
            }
            switch (raw) {
                case "t", "T", "true", "True", "TRUE":
                    return Boolean.TRUE;
                case "f", "F", "false", "False", "FALSE":
                    return Boolean.FALSE;
                default:
                    break;
            }
            if (raw.endsWith("i") && INTEGER.matcher(raw.substring(0, raw.length() - 1)).matches()) {
                try {
                    return Long.parseLong(raw.substring(0, raw.length() - 1));
                } catch (NumberFormatException e) {
                    throw new SyntaxError("field '" + key + "': integer out of range: " + raw);
                }
            }
            if (raw.endsWith("u") && UNSIGNED.matcher(raw.substring(0, raw.length() - 1)).matches()) {
                try {
                    long u = Long.parseUnsignedLong(raw.substring(0, raw.length() - 1));
                    return u >= 0 ? (Number) u : (Number) unsignedToDouble(u);
                } catch (NumberFormatException e) {
                    throw new SyntaxError("field '" + key + "': unsigned integer out of range: " + raw);
                }
            }
            String lower = raw.toLowerCase(java.util.Locale.ROOT);
            if (lower.matches("[-+]?(nan|inf|infinity)")) {
                throw new SyntaxError("field '" + key + "': must be finite: " + raw);
            }
            if (FLOAT.matcher(raw).matches()) {
                double d = Double.parseDouble(raw);
                if (!Double.isFinite(d)) {
                    throw new SyntaxError("field '" + key + "': must be finite: " + raw);
                }
                return d;
            }
            throw new SyntaxError("field '" + key + "': invalid value '" + raw + "'");
        }

        /**
         * Reads up to an unescaped stop character. In tag and field keys and tag values a backslash escapes
         * comma, equals sign and space; in the measurement, comma and space.
         */
        private String token(char[] stops, boolean escapeEquals, boolean measurement) {
            StringBuilder b = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\\' && pos + 1 < s.length()) {
                    char n = s.charAt(pos + 1);
                    if (n == ',' || n == ' ' || (escapeEquals && n == '=') || n == '\\') {
                        b.append(n);
                        pos += 2;
                        continue;
                    }
                }
                for (char stop : stops) {
                    if (c == stop) {
                        return b.toString();
                    }
                }
                if (measurement && c == '\t') {
                    throw new SyntaxError("unexpected tab at column " + (pos + 1));
                }
                b.append(c);
                pos++;
            }
            return b.toString();
        }

        private void skipSpaces() {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
        }
    }

    static double unsignedToDouble(long u) {
        return u >= 0 ? u : (double) (u >>> 1) * 2.0 + (u & 1);
    }
}
