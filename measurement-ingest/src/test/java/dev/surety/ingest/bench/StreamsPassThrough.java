package dev.surety.ingest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Benchmark baseline for bench/ingest.sh: a Kafka Streams application that copies every record of one topic to
 * another, bytes in and the same bytes out (key, value, headers, timestamp), with measurement-ingest's own Kafka
 * Streams settings (every {@code kafka-streams.*} property of its application.properties: processing guarantee,
 * commit interval, stream threads, producer batch size and compression, ...). It shows what Kafka Streams itself
 * costs per record on the benchmark machine, with none of Surety's work. Lives with the module's test classes
 * because devstack, where the other benchmark drivers live, does not have Kafka Streams on its classpath.
 *
 * <p>Usage: {@code StreamsPassThrough <bootstrap> <application-id> <input-topic> <output-topic> <state-dir>}. The
 * output topic is created with the input topic's partition count if missing. {@code -Dkafka-streams.<name>=<value>}
 * overrides a setting, as it does for measurement-ingest. Runs until the process is stopped.
 */
public final class StreamsPassThrough {

    private static final String PREFIX = "kafka-streams.";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)}");

    private StreamsPassThrough() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: StreamsPassThrough <bootstrap> <application-id> <input-topic> <output-topic>"
                    + " <state-dir>");
            System.exit(2);
        }
        String bootstrap = args[0];
        String input = args[2];
        String output = args[3];
        Properties settings = settings(ingestProperties(), System.getProperties());
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, args[4]);
        createLike(bootstrap, input, output);
        KafkaStreams streams = new KafkaStreams(topology(input, output), settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }

    /** Source to sink, byte arrays both ways: nothing but Kafka Streams' own work per record. */
    public static Topology topology(String input, String output) {
        Topology topology = new Topology();
        topology.addSource("source", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), input);
        topology.addSink("sink", output, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "source");
        return topology;
    }

    /**
     * The Kafka Streams settings measurement-ingest runs with: its base {@code kafka-streams.*} properties (profile
     * overrides such as {@code %test.} left out), {@code ${system.property}} placeholders resolved, then
     * {@code kafka-streams.*} system properties on top, each without the prefix.
     */
    public static Properties settings(Properties application, Properties system) {
        Properties out = new Properties();
        for (Properties source : new Properties[] {application, system}) {
            for (Map.Entry<Object, Object> e : source.entrySet()) {
                String key = e.getKey().toString();
                if (key.startsWith(PREFIX)) {
                    out.put(key.substring(PREFIX.length()), resolve(e.getValue().toString(), system));
                }
            }
        }
        return out;
    }

    private static String resolve(String value, Properties system) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = system.getProperty(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("no value for ${" + m.group(1) + "} in " + value);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        return m.appendTail(sb).toString();
    }

    /** measurement-ingest's application.properties, from the classpath (its target/classes). */
    public static Properties ingestProperties() {
        Properties p = new Properties();
        try (InputStream in = StreamsPassThrough.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("measurement-ingest's application.properties is not on the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static void createLike(String bootstrap, String input, String output) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            TopicDescription in = admin.describeTopics(List.of(input)).allTopicNames().get().get(input);
            short replication = (short) in.partitions().get(0).replicas().size();
            try {
                admin.createTopics(List.of(new NewTopic(output, in.partitions().size(), replication)))
                        .all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
