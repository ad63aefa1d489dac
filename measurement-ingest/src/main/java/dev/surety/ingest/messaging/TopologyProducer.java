package dev.surety.ingest.messaging;

import dev.surety.events.Topic;
import dev.surety.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.Config;

/** Hands the topology to the Quarkus Kafka Streams extension, which runs it. */
@ApplicationScoped
public class TopologyProducer {

    private final IngestConfig ingestConfig;
    private final Config config;
    private final IngestListener listener;

    public TopologyProducer(IngestConfig ingestConfig, Config config, IngestListener listener) {
        this.ingestConfig = ingestConfig;
        this.config = config;
        this.listener = listener;
    }

    @Produces
    public Topology topology() {
        return IngestTopology.build(
                new IngestTopics(name(Topic.AGREEMENTS), name(Topic.METRICS_RAW), name(Topic.METRICS_DLQ),
                        name(Topic.MEASUREMENTS)),
                ingestConfig.maxFutureSkew(), listener);
    }

    /**
     * The topic's name from its catalog property ({@code surety.topic.*}), so that an environment
     * variable such as {@code SURETY_TOPIC_SLA_METRICS_RAW} renames it here and in
     * {@code quarkus.kafka-streams.topics} alike. (A {@code @ConfigMapping} on {@code surety.topic}
     * would reject the catalog's other topics as unknown properties.)
     */
    private String name(Topic topic) {
        return config.getValue(topic.configKey(), String.class);
    }
}
