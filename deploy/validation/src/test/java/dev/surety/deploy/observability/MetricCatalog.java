package dev.surety.deploy.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names each service really exposes on {@code /q/metrics}, as Prometheus sees them:
 * <ul>
 *   <li>from its code: every Micrometer meter it registers under {@code surety.*} ({@code Counter.builder},
 *       {@code registry.counter}, a {@code counter("...")} helper, {@code Gauge.builder}), named the way
 *       Micrometer's Prometheus registry names them (dots to underscores, counters with {@code _total});</li>
 *   <li>from a scrape of the packaged service ({@code deploy/observability/reference-metrics/<service>.txt}):
 *       the framework's families (JVM, HTTP server, Kafka clients and Kafka Streams), which no source
 *       file of the project spells.</li>
 * </ul>
 */
public final class MetricCatalog {

    private static final Pattern COUNTER = Pattern.compile(
            "(?:Counter\\.builder|\\bcounter)\\(\\s*\"(surety\\.[a-z0-9_.]+)\"");
    private static final Pattern GAUGE = Pattern.compile("Gauge\\.builder\\(\\s*\"(surety\\.[a-z0-9_.]+)\"");
    private static final Pattern TIMER = Pattern.compile("Timer\\.builder\\(\\s*\"(surety\\.[a-z0-9_.]+)\"");

    private static final Pattern TAG = Pattern.compile("\\.tag\\(\\s*\"([a-z_]+)\"");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-z_]+");

    private static Map<String, Set<String>> fromCode;
    private static Map<String, Set<String>> fromScrape;
    /** service → metric → label names, from both sources. */
    private static Map<String, Map<String, Set<String>>> labels = new LinkedHashMap<>();

    private MetricCatalog() {
    }

    /** Names registered in a service's main sources (Prometheus form). */
    public static synchronized Set<String> fromCode(String service) {
        if (fromCode == null) {
            fromCode = new LinkedHashMap<>();
            for (String s : Repository.SERVICES) {
                Map<String, Set<String>> found = new java.util.TreeMap<>();
                scanCode(Repository.root().resolve(s).resolve("src/main/java"), found);
                fromCode.put(s, new TreeSet<>(found.keySet()));
                found.forEach((metric, names) -> labels.computeIfAbsent(s, x -> new LinkedHashMap<>())
                        .computeIfAbsent(metric, x -> new TreeSet<>()).addAll(names));
            }
        }
        return fromCode.get(service);
    }

    /** Names seen in the reference scrape of a service. */
    public static synchronized Set<String> fromScrape(String service) {
        if (fromScrape == null) {
            fromScrape = new LinkedHashMap<>();
            for (String s : Repository.SERVICES) {
                Path file = Repository.observability().resolve("reference-metrics").resolve(s + ".txt");
                Set<String> names = new TreeSet<>();
                for (String line : Repository.read(file).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
                    String[] parts = line.split(" ", 2);
                    names.add(parts[0]);
                    Set<String> set = labels.computeIfAbsent(s, x -> new LinkedHashMap<>())
                            .computeIfAbsent(parts[0], x -> new TreeSet<>());
                    if (parts.length > 1) {
                        set.addAll(List.of(parts[1].split(",")));
                    }
                }
                fromScrape.put(s, names);
            }
        }
        return fromScrape.get(service);
    }

    /** Everything a service exposes: its code's names and its scrape's. */
    public static Set<String> exposedBy(String service) {
        Set<String> all = new TreeSet<>(fromCode(service));
        all.addAll(fromScrape(service));
        return all;
    }

    /**
     * The label names a service's series of a metric carry (besides the job and instance Prometheus adds),
     * or null when the metric is not the service's.
     */
    public static Set<String> labels(String service, String metric) {
        fromCode(service);
        fromScrape(service);
        return labels.getOrDefault(service, Map.of()).get(metric);
    }

    /** Every name any service exposes. */
    public static Set<String> exposedByAny() {
        Set<String> all = new TreeSet<>();
        Repository.SERVICES.forEach(s -> all.addAll(exposedBy(s)));
        return all;
    }

    /** The Prometheus name of a Micrometer meter name: dots (and dashes) to underscores. */
    static String prometheusName(String meter) {
        return meter.replace('.', '_').replace('-', '_');
    }

    /** Names (Prometheus form) and their tag keys registered in a source tree. */
    static Set<String> scanCode(Path sources) {
        Map<String, Set<String>> found = new java.util.TreeMap<>();
        scanCode(sources, found);
        return new TreeSet<>(found.keySet());
    }

    static void scanCode(Path sources, Map<String, Set<String>> found) {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                add(found, text, COUNTER.matcher(text), "_total");
                add(found, text, GAUGE.matcher(text), "");
                Matcher timers = TIMER.matcher(text);
                while (timers.find()) {
                    String base = prometheusName(timers.group(1)) + "_seconds";
                    for (String suffix : List.of("_count", "_sum", "_max")) {
                        found.computeIfAbsent(base + suffix, x -> new TreeSet<>()).addAll(tags(text, timers));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(Map<String, Set<String>> found, String text, Matcher m, String suffix) {
        while (m.find()) {
            found.computeIfAbsent(prometheusName(m.group(1)) + suffix, x -> new TreeSet<>()).addAll(tags(text, m));
        }
    }

    /**
     * Tag keys of the registration starting at a match, up to the end of its statement: {@code .tag("k", v)}
     * calls, and the key/value pairs of {@code registry.counter("name", "k", v, ...)}.
     */
    private static Set<String> tags(String text, Matcher m) {
        int end = text.indexOf(';', m.end());
        String statement = text.substring(m.start(), end < 0 ? text.length() : end);
        Set<String> keys = new TreeSet<>();
        Matcher tag = TAG.matcher(statement);
        while (tag.find()) {
            keys.add(tag.group(1));
        }
        if (statement.startsWith("counter(") || statement.matches("(?s)^[a-z]+\\.counter\\(.*")) {
            String args = statement.substring(statement.indexOf('(') + 1);
            String[] parts = args.split(",");
            for (int i = 1; i + 1 < parts.length; i += 2) {
                String key = parts[i].strip();
                if (key.startsWith("\"") && key.endsWith("\"") && LABEL_NAME.matcher(key.substring(1, key.length() - 1)).matches()) {
                    keys.add(key.substring(1, key.length() - 1));
                }
            }
        }
        return keys;
    }

}
