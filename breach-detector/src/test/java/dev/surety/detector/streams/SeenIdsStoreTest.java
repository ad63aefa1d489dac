package dev.surety.detector.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store behind {@code seen-measurement-ids}: an id applied once is a duplicate afterwards, in the
 * same commit and in later ones; a commit's ids reach the changelog as one record; restoring those
 * records (what a restarted or moved task does) remembers the ids again, also those of the window
 * store it replaced; ids older than the horizon are forgotten. {@link SeenIdsStoreRestartTest}
 * restarts a real Kafka Streams application on the test broker.
 */
class SeenIdsStoreTest {

    static final String STORE = "seen";
    private static final String APP = "seen-ids-test";
    private static final String CHANGELOG = APP + "-" + STORE + "-changelog";
    private static final Duration HORIZON = Duration.ofMinutes(1);

    @TempDir
    Path stateDir;

    private TestInputTopic<String, String> in;
    private TestOutputTopic<String, String> out;
    private TestOutputTopic<byte[], byte[]> changelog;

    /**
     * Input values are "id@time,id@time,..."; each id is looked up and, if new, added, as the
     * detector does: out gets "new:id" or "dup:id".
     */
    static final class Dedup implements Processor<String, String, String, String> {
        private SeenIdsStore store;
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            for (String idAt : record.value().split(",")) {
                String[] p = idAt.split("@");
                long at = Long.parseLong(p[1]);
                if (store.seen(p[0], at)) {
                    context.forward(record.withValue("dup:" + p[0]));
                } else {
                    store.add(p[0], at);
                    context.forward(record.withValue("new:" + p[0]));
                }
            }
        }
    }

    static Topology topology(String input, String output) {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), input);
        topology.addProcessor("dedup", Dedup::new, "in");
        topology.addStateStore(SeenIdsStore.builder(STORE, HORIZON), "dedup");
        topology.addSink("out", output, new StringSerializer(), new StringSerializer(), "dedup");
        return topology;
    }

    private TopologyTestDriver driver(Path dir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        TopologyTestDriver d = new TopologyTestDriver(topology("in", "out"), props);
        in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
        out = d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
        changelog = d.createOutputTopic(CHANGELOG, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return d;
    }

    @Test
    void anIdIsADuplicateInItsOwnCommitAndInLaterOnesAndEachCommitWritesOneChangelogRecord() {
        try (TopologyTestDriver d = driver(stateDir)) {
            // The test driver commits after each input record.
            in.pipeInput("k", "a@1000,b@1000,a@1000,c@2000,b@1000");
            assertEquals(List.of("new:a", "new:b", "dup:a", "new:c", "dup:b"), out.readValuesToList());
            assertEquals(1, changelog.readRecordsToList().size());

            in.pipeInput("k", "c@2000,d@2000");
            // The same id at another time is another measurement, as with the window store before.
            in.pipeInput("k", "a@1000,a@1001");
            assertEquals(List.of("dup:c", "new:d", "dup:a", "new:a"), out.readValuesToList());
            assertEquals(2, changelog.readRecordsToList().size());

            // A commit with nothing new writes nothing.
            in.pipeInput("k", "d@2000");
            assertEquals(List.of("dup:d"), out.readValuesToList());
            assertEquals(List.of(), changelog.readRecordsToList());
        }
    }

    @Test
    void restoringTheChangelogRemembersEveryIdOfEveryCommit(@TempDir Path restarted) {
        List<KeyValue<byte[], byte[]>> records = new ArrayList<>();
        try (TopologyTestDriver d = driver(stateDir)) {
            in.pipeInput("k", "a@1000,b@1000");
            in.pipeInput("k", "c@3000");
            changelog.readRecordsToList().forEach(r -> records.add(KeyValue.pair(r.key(), r.value())));
        }
        // A task starting on an empty state directory gets the changelog's records handed to its restore callback.
        try (TopologyTestDriver d = driver(restarted)) {
            SeenIdsStore store = (SeenIdsStore) d.getStateStore(STORE);
            store.restore(records);
            in.pipeInput("k", "a@1000,b@1000,c@3000,e@3000");
            assertEquals(List.of("dup:a", "dup:b", "dup:c", "new:e"), out.readValuesToList());
        }
    }

    @Test
    void recordsOfTheWindowStoreItReplacedAreRestoredToo() {
        try (TopologyTestDriver d = driver(stateDir)) {
            SeenIdsStore store = (SeenIdsStore) d.getStateStore(STORE);
            // The window store's changelog key: id bytes, window start, sequence number; value: the time.
            byte[] id = "old".getBytes(StandardCharsets.UTF_8);
            byte[] key = ByteBuffer.allocate(id.length + 12).put(id).putLong(5000).putInt(0).array();
            store.restore(List.of(KeyValue.pair(key, ByteBuffer.allocate(8).putLong(5000).array())));
            in.pipeInput("k", "old@5000,old@5001");
            assertEquals(List.of("dup:old", "new:old"), out.readValuesToList());
        }
    }

    @Test
    void idsOlderThanTheHorizonAreForgotten() {
        try (TopologyTestDriver d = driver(stateDir)) {
            in.pipeInput("k", "a@0");
            in.pipeInput("k", "y@50000");
            in.pipeInput("k", "a@0,y@50000");
            // Within the horizon (1 min) of the newest id seen: both remembered.
            assertEquals(List.of("new:a", "new:y", "dup:a", "dup:y"), out.readValuesToList());

            in.pipeInput("k", "z@200000");
            in.pipeInput("k", "a@0,y@50000,z@200000");
            assertEquals(List.of("new:z", "new:a", "new:y", "dup:z"), out.readValuesToList());
        }
    }

    @Test
    void aLongCommitIntervalWritesSeveralBoundedRecords() {
        try (TopologyTestDriver d = driver(stateDir)) {
            StringBuilder ids = new StringBuilder();
            int n = SeenIdsStore.MAX_IDS_PER_BATCH * 2 + 1;
            for (int i = 0; i < n; i++) {
                ids.append(i == 0 ? "" : ",").append("m").append(i).append("@1000");
            }
            in.pipeInput("k", ids.toString());
            assertEquals(n, out.readValuesToList().size());
            assertEquals(3, changelog.readRecordsToList().size());
        }
    }
}
