package dev.surety.deploy.kubernetes;

import dev.surety.events.Topic;
import java.util.Set;

/** Surety's services as deployed: port (docs: DESIGN fixed points), workload kind and what each needs. */
enum Service {
    AGREEMENT_SERVICE("agreement-service", 8081, "Deployment", "agreements", false, null),
    MEASUREMENT_INGEST("measurement-ingest", 8082, "Deployment", null, true, Topic.METRICS_RAW),
    BREACH_DETECTOR("breach-detector", 8083, "StatefulSet", null, true, Topic.MEASUREMENTS),
    CREDIT_SERVICE("credit-service", 8084, "Deployment", "credits", false, null),
    PORTAL("portal", 8080, "Deployment", null, false, null);

    final String module;
    final int port;
    final String workloadKind;
    /** PostgreSQL database it owns, or null. */
    final String database;
    /** Kafka Streams: RocksDB state off-heap and a state directory. */
    final boolean kafkaStreams;
    /** The input topic whose partitions bound its instances (autoscaled), or null (fixed replicas). */
    final Topic scalingTopic;

    Service(String module, int port, String workloadKind, String database, boolean kafkaStreams, Topic scalingTopic) {
        this.module = module;
        this.port = port;
        this.workloadKind = workloadKind;
        this.database = database;
        this.kafkaStreams = kafkaStreams;
        this.scalingTopic = scalingTopic;
    }

    boolean usesKafka() {
        return this != PORTAL;
    }

    /** Environment variables the deployment must set for the service to work in a cluster at all. */
    Set<String> requiredEnv() {
        java.util.Set<String> env = new java.util.TreeSet<>();
        if (usesKafka()) {
            env.addAll(Set.of("KAFKA_BOOTSTRAP_SERVERS", "MP_JWT_VERIFY_PUBLICKEY", "MP_JWT_VERIFY_ISSUER"));
        }
        if (database != null) {
            env.addAll(Set.of("SURETY_DB_HOST", "SURETY_DB_PORT", "SURETY_DB_USER", "SURETY_DB_PASSWORD"));
        }
        if (kafkaStreams) {
            env.add("KAFKA_STREAMS_STATE_DIR");
        }
        if (this == BREACH_DETECTOR) {
            env.add("QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER");
        }
        if (this == PORTAL) {
            env.addAll(Set.of("SURETY_PORTAL_AGREEMENT_URL", "SURETY_PORTAL_DETECTOR_URL", "SURETY_PORTAL_CREDIT_URL"));
        }
        env.add("JAVA_TOOL_OPTIONS");
        return env;
    }

    @Override
    public String toString() {
        return module;
    }
}
