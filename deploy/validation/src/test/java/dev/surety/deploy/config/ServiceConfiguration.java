package dev.surety.deploy.config;

import dev.surety.events.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What each service reads from its configuration, extracted from its code: the base keys of its
 * {@code application.properties} (wiring left out, see {@link Wiring}), the environment variables
 * those values read ({@code ${SURETY_DB_HOST:localhost}}), the properties of its
 * {@code @ConfigMapping} interfaces, its {@code @ConfigProperty} injections and
 * {@code getValue("...")} look-ups, the catalog topics it names, and the settings its extensions
 * read that no file spells (the JWT key). Every setting comes with the environment variable that
 * sets it, so deployment files can be checked against {@link #environmentVariables(String)}.
 */
public final class ServiceConfiguration {

    /** The services, in the order the reference lists them. */
    public static final List<String> SERVICES =
            List.of("agreement-service", "measurement-ingest", "breach-detector", "credit-service", "portal");

    /** Read by every service (or by the JVM and the container's launcher): they are in the reference once. */
    static final List<Setting> RUNTIME = List.of(
            runtime("QUARKUS_PROFILE", "`prod` (the packaged jar)",
                    "Configuration profile; `%dev`, `%test` and `%devstack` keys only apply in their profile"),
            runtime("SMALLRYE_CONFIG_LOCATIONS", "none",
                    "Further properties files (comma separated) read with a higher priority than `application.properties`;"
                            + " a `config/application.properties` beside the jar is read too"),
            runtime("QUARKUS_LOG_LEVEL", "`INFO`", "Root log level"),
            runtime("QUARKUS_LOG_CATEGORY__<CATEGORY>__LEVEL", "none",
                    "Log level of one category, e.g. `QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL=WARN`"),
            runtime("JAVA_OPTS", "none", "JVM options, read by the container image's launcher"),
            runtime("JAVA_OPTS_APPEND", "none", "JVM options appended to the image's own, read by the launcher"),
            runtime("JAVA_TOOL_OPTIONS", "none", "JVM options read by the JVM itself, whatever launches it"),
            runtime("JAVA_MAX_MEM_RATIO", "`80` (UBI images)", "Heap as a share of the container's memory limit, read by the launcher"));

    private static final Pattern CONFIG_PROPERTY =
            Pattern.compile("@(?:org\\.eclipse\\.microprofile\\.config\\.inject\\.)?ConfigProperty\\s*\\(([^)]*)\\)\\s*(?:final\\s+)?([\\w.]+)");
    private static final Pattern GET_VALUE = Pattern.compile("\\.get(?:Optional)?Value\\(\\s*\"([^\"]+)\"");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("\\bTopic\\.([A-Z_]+)\\b");
    private static final String PRODUCTION = "**Set in production.**";

    private static final Map<String, List<Setting>> CACHE = new LinkedHashMap<>();

    private ServiceConfiguration() {
    }

    /** The repository root: the surefire property {@code surety.root}, else the nearest parent holding sla-events. */
    public static Path root() {
        String configured = System.getProperty("surety.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "sla-events"))) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sla-events"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found (system property surety.root)");
    }

    /** Every setting of a service, sorted as the reference lists them. */
    public static synchronized List<Setting> settings(String service) {
        return CACHE.computeIfAbsent(service, s -> extract(root().resolve(s)));
    }

    /** The environment variables a service reads: its settings' variables, then those every service reads. */
    public static EnvironmentVariables environmentVariables(String service) {
        Set<String> names = new LinkedHashSet<>();
        Stream.concat(settings(service).stream(), RUNTIME.stream()).forEach(s -> names.addAll(s.envs()));
        return new EnvironmentVariables(names);
    }

    /**
     * The variables a deployment must set because their defaults only suit a laptop: each inner list
     * is one requirement that any of its variables satisfies.
     */
    public static List<List<String>> productionRequired(String service) {
        return settings(service).stream().filter(s -> s.production() != null)
                .map(s -> s.env().equals("MP_JWT_VERIFY_PUBLICKEY")
                        ? List.of(s.env(), "MP_JWT_VERIFY_PUBLICKEY_LOCATION") : List.of(s.env()))
                .toList();
    }

    /** The base keys of a service that are wiring rather than settings. */
    public static List<String> wiring(String service) {
        return ApplicationProperties.read(properties(root().resolve(service))).base().keySet().stream()
                .filter(Wiring::isWiring).toList();
    }

    /** The files a service's settings are read from, relative to the repository root. */
    static List<String> sources(String service) {
        Path module = root().resolve(service);
        List<String> files = new ArrayList<>();
        files.add(root().relativize(properties(module)).toString());
        for (Path source : javaSources(module)) {
            String text = read(source);
            if (text.contains("@ConfigMapping") || text.contains("@ConfigProperty") || GET_VALUE.matcher(text).find()) {
                files.add(root().relativize(source).toString());
            }
        }
        return files;
    }

    private static Setting runtime(String env, String defaultValue, String meaning) {
        return new Setting("env:" + env, null, List.of(), env, List.of(), defaultValue, meaning, true, null);
    }

    private static Path properties(Path module) {
        return module.resolve("src/main/resources/application.properties");
    }

    private static List<Setting> extract(Path module) {
        ApplicationProperties props = ApplicationProperties.read(properties(module));
        Map<String, Setting> settings = new TreeMap<>();

        // 1. base keys of application.properties
        Set<String> envOfWholeValues = new LinkedHashSet<>();
        props.base().forEach((key, value) -> {
            if (Wiring.isWiring(key)) {
                return;
            }
            ApplicationProperties.Expression whole = ApplicationProperties.whole(value);
            Setting s;
            if (whole != null && whole.isEnvironmentVariable()) {
                envOfWholeValues.add(whole.name());
                s = new Setting(key, key, List.of(), whole.name(), List.of(EnvNames.of(key)),
                        defaultText(whole.defaultValue()), props.comment(key), false, null);
            } else {
                s = Setting.property(key, EnvNames.of(key), defaultText(value), props.comment(key), false);
            }
            settings.put(key, s);
        });

        // 2. environment variables read inside other values (the datasource URLs)
        props.environmentReferences().forEach((env, readers) -> {
            if (envOfWholeValues.contains(env)) {
                return;
            }
            String defaults = readers.values().stream().distinct().map(ServiceConfiguration::defaultText)
                    .collect(Collectors.joining(" / "));
            settings.put("env:" + env, new Setting("env:" + env, null, List.copyOf(readers.keySet()), env, List.of(),
                    defaults, null, false, null));
        });

        // 3. @ConfigMapping interfaces
        List<Path> sources = javaSources(module);
        Map<String, String> interfaces = new LinkedHashMap<>();
        sources.forEach(p -> JavaSource.interfaces(read(p)).forEach(interfaces::putIfAbsent));
        ConfigMappings mappings = new ConfigMappings(interfaces);
        for (Path source : sources) {
            for (ConfigMappings.MappedProperty m : mappings.properties(read(source))) {
                Setting existing = settings.get(m.name());
                if (existing != null) {
                    // application.properties wins over @WithDefault: its value is the one in force
                    settings.put(m.name(), m.meaning() == null ? existing : existing.withMeaning(m.meaning(), true));
                    continue;
                }
                String defaultValue = m.defaultValue() != null ? defaultText(m.defaultValue())
                        : m.optional() ? "none" : m.inEntry() ? "required in the entry" : "required";
                settings.put(m.name(), Setting.property(m.name(), m.viaMapKey() ? null : EnvNames.of(m.name()),
                        defaultValue, m.meaning(), m.meaning() != null));
            }
        }

        // 4. @ConfigProperty injections, getValue("...") look-ups and catalog topics named in the code
        Map<String, String> injected = new TreeMap<>();
        for (Path source : sources) {
            String text = read(source);
            String code = JavaSource.blankCommentsAndStrings(text);
            Matcher m = CONFIG_PROPERTY.matcher(text);
            while (m.find()) {
                if (code.charAt(m.start()) != '@') {
                    continue;
                }
                Map<String, String> args = JavaSource.stringArguments(m.group(1));
                String name = args.get("name");
                String defaultValue = args.get("defaultValue");
                boolean optional = m.group(2).startsWith("Optional");
                injected.putIfAbsent(name, defaultValue != null ? defaultText(defaultValue) : optional ? "none" : null);
            }
            Matcher g = GET_VALUE.matcher(text);
            while (g.find()) {
                injected.putIfAbsent(g.group(1), null);
            }
            if (text.contains(".configKey()")) {
                Matcher t = TOPIC_CONSTANT.matcher(code);
                while (t.find()) {
                    injected.putIfAbsent(Topic.valueOf(t.group(1)).configKey(), null);
                }
            }
        }
        // topics referenced by application.properties values
        props.base().values().forEach(v -> ApplicationProperties.expressions(v).stream()
                .map(ApplicationProperties.Expression::name)
                .filter(n -> n.startsWith("surety.topic."))
                .forEach(n -> injected.putIfAbsent(n, null)));
        Map<String, String> catalog = Stream.of(Topic.values())
                .collect(Collectors.toMap(Topic::configKey, Topic::topicName));
        injected.forEach((name, defaultValue) -> {
            if (settings.containsKey(name)) {
                return;
            }
            String text = defaultValue != null ? defaultValue
                    : catalog.containsKey(name) ? "`" + catalog.get(name) + "` (catalog)" : "required";
            settings.put(name, Setting.property(name, EnvNames.of(name), text,
                    catalog.containsKey(name) ? "Topic name; normally left to the catalog (`sla-events` `Topic`)" : null,
                    false));
        });

        // 5. what the service's extensions read without any file naming it
        String pom = read(module.resolve("pom.xml"));
        if (pom.contains("<artifactId>quarkus-smallrye-jwt</artifactId>")) {
            putIfAbsent(settings, "mp.jwt.verify.publickey", "none",
                    "Public key tokens are verified with (base64 DER, or PEM)");
            putIfAbsent(settings, "mp.jwt.verify.publickey.location", "none",
                    "Or: file or URL of the key, or of the JWKS of any OIDC provider");
        }
        if (pom.contains("<artifactId>quarkus-oidc</artifactId>")) {
            putIfAbsent(settings, "quarkus.oidc.auth-server-url", "none", "OIDC provider (realm) URL");
            putIfAbsent(settings, "quarkus.oidc.client-id", "none", "The service's client id at the provider");
            putIfAbsent(settings, "quarkus.oidc.credentials.secret", "none", "The client's secret at the provider");
        }

        List<Setting> sorted = new ArrayList<>(settings.values());
        sorted.sort((a, b) -> a.sortKey().compareTo(b.sortKey()));
        return markProduction(sorted);
    }

    /**
     * Adds the reference's production note to the settings a deployment must set: those whose
     * default points at {@code localhost} (brokers, database host, service URLs, this instance's
     * address), the database password (empty), the token issuer (the local stack's) and the token key
     * (none). A {@code localhost} inside another variable's expression ({@code ${SURETY_DB_HOST:localhost}}
     * in the datasource URLs) is that variable's, which has its own row.
     */
    private static List<Setting> markProduction(List<Setting> settings) {
        List<Setting> marked = new ArrayList<>();
        for (Setting s : settings) {
            String env = s.env();
            String ownDefault = s.defaultValue().replaceAll("\\$\\{[A-Z][A-Z0-9_]*(:[^}]*)?}", "");
            String note = null;
            if (env == null || env.contains(EnvNames.ENV_INDEX)) {
                note = null;
            } else if ("MP_JWT_VERIFY_PUBLICKEY".equals(env)) {
                note = "**Set in production** (this or `MP_JWT_VERIFY_PUBLICKEY_LOCATION`).";
            } else if (List.of("SURETY_DB_PASSWORD", "MP_JWT_VERIFY_ISSUER").contains(env) || ownDefault.contains("localhost")) {
                note = PRODUCTION;
            }
            marked.add(note == null ? s : s.withProduction(note));
        }
        return marked;
    }

    private static void putIfAbsent(Map<String, Setting> settings, String property, String defaultValue, String meaning) {
        settings.putIfAbsent(property, Setting.property(property, EnvNames.of(property), defaultValue, meaning, false));
    }

    /** A default as the reference prints it. */
    static String defaultText(String value) {
        if (value == null) {
            return "none";
        }
        if (value.isEmpty()) {
            return "empty";
        }
        return "`" + value.replace("|", "\\|") + "`";
    }

    private static List<Path> javaSources(Path module) {
        Path main = module.resolve("src/main/java");
        if (!Files.isDirectory(main)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(main)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Environment variable names a service reads; names with {@code <i>} stand for any list index. */
    public record EnvironmentVariables(Set<String> names) {

        /** Whether the service reads this variable; {@code <CATEGORY>} and {@code <i>} match what they stand for. */
        public boolean contains(String variable) {
            return names.stream().anyMatch(n -> matches(n, variable));
        }

        private static boolean matches(String name, String variable) {
            if (name.contains("<CATEGORY>")) {
                String[] parts = name.split("<CATEGORY>", -1);
                return variable.startsWith(parts[0]) && variable.endsWith(parts[1])
                        && variable.length() > parts[0].length() + parts[1].length();
            }
            return EnvNames.matches(name, variable);
        }
    }
}
