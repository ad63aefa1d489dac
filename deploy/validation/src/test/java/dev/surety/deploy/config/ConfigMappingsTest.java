package dev.surety.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading {@code @ConfigMapping} interfaces from source: every shape Surety's services use, and a few more. */
class ConfigMappingsTest {

    private static Map<String, ConfigMappings.MappedProperty> example() throws IOException {
        String source;
        try (InputStream in = ConfigMappingsTest.class.getResourceAsStream("/config/mapping/ExampleConfig.java.txt")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, ConfigMappings.MappedProperty> byName = new LinkedHashMap<>();
        new ConfigMappings(JavaSource.interfaces(source)).properties(source).forEach(p -> byName.put(p.name(), p));
        return byName;
    }

    @Test
    void everyLeafPropertyIsNamedAsSmallRyeNamesIt() throws IOException {
        assertEquals(List.of("example.ready-timeout", "example.max-HTTP-size", "example.odd", "example.label",
                "example.limit", "example.token", "example.server.host", "example.server.max-url-length",
                "example.proxy.url", "example.targets.\"<target>\".enabled",
                "example.targets.\"<target>\".endpoints[i].url", "example.labels.\"<label>\"",
                "example.endpoints[i].url", "example.names", "example.level"), List.copyOf(example().keySet()));
    }

    @Test
    void defaultsAndRequirednessFollowTheTypes() throws IOException {
        Map<String, ConfigMappings.MappedProperty> p = example();
        assertEquals("PT5S", p.get("example.ready-timeout").defaultValue());
        assertEquals("a \"b\" }", p.get("example.odd").defaultValue());
        assertEquals(true, p.get("example.label").optional());
        assertEquals(true, p.get("example.limit").optional());
        assertEquals(false, p.get("example.token").optional());
        assertEquals(true, p.get("example.proxy.url").optional(), "a member of an Optional group");
        assertEquals(true, p.get("example.endpoints[i].url").inEntry());
        assertEquals(true, p.get("example.targets.\"<target>\".enabled").viaMapKey());
        assertEquals(false, p.get("example.endpoints[i].url").viaMapKey());
        assertEquals("a,b", p.get("example.names").defaultValue());
    }

    @Test
    void theJavadocBecomesOneLineOfReferenceText() throws IOException {
        Map<String, ConfigMappings.MappedProperty> p = example();
        assertEquals("How long to wait for `<url>/ready`; see the syntax", p.get("example.ready-timeout").meaning());
        assertEquals("Spread over two lines, with HTML", p.get("example.max-HTTP-size").meaning());
        assertEquals(null, p.get("example.limit").meaning());
    }

    @Test
    void environmentVariablesFollowTheMicroProfileRule() {
        assertEquals("SURETY_DETECTOR_GRACE", EnvNames.of("surety.detector.grace"));
        assertEquals("SURETY_DETECTOR_ALERTING_WEBHOOKS_<i>__URL", EnvNames.of("surety.detector.alerting.webhooks[i].url"));
        assertEquals(true, EnvNames.matches("SURETY_DETECTOR_ALERTING_WEBHOOKS_<i>__URL", "SURETY_DETECTOR_ALERTING_WEBHOOKS_12__URL"));
        assertEquals(false, EnvNames.matches("SURETY_DETECTOR_ALERTING_WEBHOOKS_<i>__URL", "SURETY_DETECTOR_ALERTING_WEBHOOKS_X__URL"));
        assertEquals("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL", EnvNames.of("quarkus.log.category.\"org.apache.kafka\".level"));
        assertEquals("max-in-flight-bytes", ConfigMappings.kebab("maxInFlightBytes"));
    }

    @Test
    void applicationPropertiesExpressionsTellVariablesFromProperties() {
        assertEquals(List.of(new ApplicationProperties.Expression("SURETY_DB_HOST", "localhost"),
                        new ApplicationProperties.Expression("surety.test.port", null)),
                ApplicationProperties.expressions("x://${SURETY_DB_HOST:localhost}:${surety.test.port}/db"));
        assertEquals(true, ApplicationProperties.whole("${SURETY_DB_PASSWORD:}").isEnvironmentVariable());
        assertEquals("", ApplicationProperties.whole("${SURETY_DB_PASSWORD:}").defaultValue());
        assertEquals(false, ApplicationProperties.whole("${kafka.bootstrap.servers}").isEnvironmentVariable());
    }

    static List<String> services() {
        return ServiceConfiguration.SERVICES;
    }

    /**
     * A plain text search of the service's code finds nothing the extraction misses: each
     * {@code @ConfigMapping} prefix has properties, each {@code @ConfigProperty} name and each base
     * key of application.properties is a setting or wiring.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theExtractionMissesNothingATextSearchFinds(String service) throws IOException {
        Path module = ServiceConfiguration.root().resolve(service);
        List<String> keys = ServiceConfiguration.settings(service).stream().map(Setting::key).toList();
        List<String> missed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher mapping = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"").matcher(text);
                while (mapping.find()) {
                    String prefix = mapping.group(1) + ".";
                    if (keys.stream().noneMatch(k -> k.startsWith(prefix))) {
                        missed.add("@ConfigMapping " + prefix + "* in " + file.getFileName());
                    }
                }
                Matcher injected = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"").matcher(text);
                while (injected.find()) {
                    if (!keys.contains(injected.group(1))) {
                        missed.add("@ConfigProperty " + injected.group(1) + " in " + file.getFileName());
                    }
                }
            }
        }
        ApplicationProperties.read(module.resolve("src/main/resources/application.properties")).base().keySet().stream()
                .filter(k -> !keys.contains(k) && !Wiring.isWiring(k))
                .forEach(k -> missed.add("application.properties " + k));
        assertEquals(List.of(), missed);
    }
}
