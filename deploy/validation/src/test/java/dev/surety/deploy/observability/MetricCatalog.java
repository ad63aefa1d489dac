package dev.surety.deploy.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    private static Map<String, Set<String>> fromCode;
    private static Map<String, Set<String>> fromScrape;

    private MetricCatalog() {
    }

    /** Names registered in a service's main sources (Prometheus form). */
    public static synchronized Set<String> fromCode(String service) {
        if (fromCode == null) {
            fromCode = new LinkedHashMap<>();
            for (String s : Repository.SERVICES) {
                fromCode.put(s, scanCode(Repository.root().resolve(s).resolve("src/main/java")));
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
                Repository.read(file).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
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

    static Set<String> scanCode(Path sources) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                add(names, COUNTER.matcher(text), "_total");
                add(names, GAUGE.matcher(text), "");
                Matcher timers = TIMER.matcher(text);
                while (timers.find()) {
                    String base = prometheusName(timers.group(1)) + "_seconds";
                    names.addAll(Set.of(base + "_count", base + "_sum", base + "_max"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static void add(Set<String> names, Matcher m, String suffix) {
        while (m.find()) {
            names.add(prometheusName(m.group(1)) + suffix);
        }
    }
}
