package dev.surety.ingest.messaging;

import dev.surety.events.Topic;
import dev.surety.ingest.config.IngestConfig;
import dev.surety.ingest.format.FormatSettings;
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
                settings(ingestConfig), listener);
    }

    /** The topology's settings from the configuration. */
    public static IngestSettings settings(IngestConfig c) {
        return new IngestSettings(c.maxFutureSkew(), c.maxAge(), c.dedupHorizon(), c.maxRecordSize().asLongValue(),
                c.agreementVersionsKept(), formats(c));
    }

    /** The format mapping settings from the configuration. */
    public static FormatSettings formats(IngestConfig c) {
        return new FormatSettings(c.influx().serviceTag(), c.influx().sourceTag(), c.influx().goodField(),
                c.influx().totalField(), c.defaultService().orElse(null), c.prometheus().serviceLabels(),
                c.prometheus().maxDecompressedSize().asLongValue());
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
