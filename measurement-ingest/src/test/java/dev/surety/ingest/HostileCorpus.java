package dev.surety.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.events.EventCodec;
import dev.surety.ingest.format.RemoteWriteFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the hostile-input corpus under src/test/resources/hostile/ (see the header of each .tsv). */
public final class HostileCorpus {

    private HostileCorpus() {
    }

    /** One row: its columns as written. */
    public record Row(String name, List<String> columns) {
    }

    public static List<Row> rows(String resource) {
        try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Row> rows = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                rows.add(new Row(cols[0], List.of(cols).subList(1, cols.length)));
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The placeholders of the corpus for a clock at {@code now}, samples at {@code t}. */
    public static Map<String, String> placeholders(Instant now, Instant t) {
        Map<String, String> p = new LinkedHashMap<>();
        Instant future = now.plusSeconds(600);
        Instant old = now.minusSeconds(8 * 86400);
        p.put("${T_NS}", t.getEpochSecond() + "000000000");
        p.put("${T_MS}", String.valueOf(t.toEpochMilli()));
        p.put("${T_S}", String.valueOf(t.getEpochSecond()));
        p.put("${T}", t.toString());
        p.put("${FUTURE_NS}", future.getEpochSecond() + "000000000");
        p.put("${FUTURE}", future.toString());
        p.put("${OLD_NS}", old.getEpochSecond() + "000000000");
        p.put("${OLD}", old.toString());
        return p;
    }

    /** The bytes a payload column stands for. */
    public static byte[] payload(String spec, Map<String, String> placeholders) {
        String s = spec;
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        if (s.startsWith("hex:")) {
            return HexFormat.of().parseHex(s.substring(4));
        }
        if (s.startsWith("repeat:")) {
            String[] parts = s.split(":", 3);
            return parts[2].repeat(Integer.parseInt(parts[1])).getBytes(StandardCharsets.UTF_8);
        }
        if (s.startsWith("rw:")) {
            return remoteWrite(s.substring(3));
        }
        return unescape(s).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] remoteWrite(String json) {
        JsonNode root = EventCodec.mapper().valueToTree(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8),
                Object.class));
        List<RemoteWriteFixture.Series> series = new ArrayList<>();
        for (JsonNode s : root) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.get("labels").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
            }
            List<RemoteWriteFixture.Point> points = new ArrayList<>();
            for (JsonNode p : s.get("samples")) {
                double v = p.get(0).isTextual() ? Double.parseDouble(p.get(0).asText()) : p.get(0).asDouble();
                points.add(new RemoteWriteFixture.Point(v, p.get(1).asLong()));
            }
            series.add(new RemoteWriteFixture.Series(labels, points));
        }
        return RemoteWriteFixture.body(series);
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                switch (n) {
                    case 'n' -> { b.append('\n'); i++; continue; }
                    case 'r' -> { b.append('\r'); i++; continue; }
                    case 't' -> { b.append('\t'); i++; continue; }
                    default -> { }
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /** {@code k=v;k=v}, or {@code -} for none. */
    public static Map<String, String> headers(String spec) {
        Map<String, String> h = new LinkedHashMap<>();
        if (!spec.equals("-")) {
            for (String kv : spec.split(";")) {
                int eq = kv.indexOf('=');
                h.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return h;
    }
}
