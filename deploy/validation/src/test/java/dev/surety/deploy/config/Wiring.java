package dev.surety.deploy.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Base properties that are wiring, not settings: the code depends on their values (serializers,
 * channel bindings, exactly-once producer settings, the schema owner), they derive from a setting
 * ({@code quarkus.kafka-streams.topics} from {@code surety.topic.*}), or they only dress the API
 * description. The reference names them without a row; setting one from the environment is a
 * mistake the deployment check reports.
 */
final class Wiring {

    private static final List<Pattern> PATTERNS = List.of(
            "quarkus\\.application\\.name",
            "quarkus\\.http\\.test-port",
            "quarkus\\.(keycloak\\.)?devservices\\.enabled",
            "quarkus\\.datasource\\.db-kind",
            "quarkus\\.flyway\\.migrate-at-start",
            "quarkus\\.hibernate-orm\\..*",
            "quarkus\\.kafka-streams\\.topics",
            // Surety settings handed on to Kafka Streams' configuration, for a RocksDB config setter to read
            "kafka-streams\\.surety\\..*",
            "quarkus\\.rest-client\\.[^.]+\\.url",
            "mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(connector|topic|(key|value)\\.(de)?serializer|cloud-events"
                    + "|enable\\.auto\\.commit|commit-strategy|failure-strategy|batch|isolation\\.level|acks"
                    + "|enable\\.idempotence|max\\.in\\.flight\\.requests\\.per\\.connection|linger\\.ms|throttled\\..*)",
            "smallrye\\.jwt\\.path\\.groups",
            "quarkus\\.jackson\\..*",
            "quarkus\\.smallrye-openapi\\..*",
            "mp\\.openapi\\..*",
            "quarkus\\.qute\\..*",
            "quarkus\\.http\\.header\\..*",
            "quarkus\\.http\\.auth\\.proactive",
            "quarkus\\.oidc\\.(application-type|roles\\..*|authentication\\..*|logout\\..*|token-state-manager\\..*)")
            .stream().map(Pattern::compile).toList();

    private Wiring() {
    }

    static boolean isWiring(String key) {
        return PATTERNS.stream().anyMatch(p -> p.matcher(key).matches());
    }
}
