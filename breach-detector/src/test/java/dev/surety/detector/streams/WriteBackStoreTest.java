package dev.surety.detector.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.Serdes;
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
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-back store behind {@code objective-state} and {@code objective-history}: changes reach
 * the store and its changelog once per commit (or when evicted), the writing thread sees them at
 * once, other threads (interactive queries) see the last commit, a restart restores the committed
 * values and a task re-initialized after an aborted transaction forgets what was not committed.
 */
class WriteBackStoreTest {

    private static final String STORE = "s";
    private static final String APP = "write-back-test";
    private static final String CHANGELOG = APP + "-" + STORE + "-changelog";

    @TempDir
    Path stateDir;

    /** Per input record: what the writing thread read back, and what another thread read meanwhile. */
    private final List<String> ownReads = new ArrayList<>();
    private final List<String> otherThreadReads = new ArrayList<>();
    private final AtomicReference<KeyValueStore<String, String>> outer = new AtomicReference<>();
    private TestInputTopic<String, String> in;
    private TestOutputTopic<String, String> changelog;

    /** Input values are "k=v,k=v,..." (v "-" deletes k); each is put, then read back by both threads. */
    private final class Writer implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            List<String> keys = new ArrayList<>();
            for (String kv : record.value().split(",")) {
                String[] p = kv.split("=");
                if (p[1].equals("-")) {
                    store.delete(p[0]);
                } else {
                    store.put(p[0], p[1]);
                }
                keys.add(p[0]);
            }
            for (String k : keys) {
                ownReads.add(k + "=" + store.get(k));
                // An interactive query runs on another thread: it must see the last commit, whole.
                otherThreadReads.add(k + "=" + CompletableFuture.supplyAsync(() -> outer.get().get(k)).join());
            }
        }
    }

    private TopologyTestDriver driver(int maxEntries) {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        topology.addProcessor("writer", Writer::new, "in");
        topology.addStateStore(WriteBackStore.builder(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String())
                .withLoggingEnabled(Map.of()), maxEntries), "writer");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyTestDriver d = new TopologyTestDriver(topology, props);
        outer.set(d.getKeyValueStore(STORE));
        in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
        changelog = d.createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer());
        return d;
    }

    @Test
    void changesReachTheChangelogOncePerCommitAndOtherThreadsSeeTheLastCommit() {
        try (TopologyTestDriver d = driver(100)) {

            // The test driver commits after each input record.
            in.pipeInput("r1", "a=1,a=2,b=1,a=3");
            assertEquals(List.of("a=3", "a=3", "b=1", "a=3"), ownReads);
            assertEquals(List.of("a=null", "a=null", "b=null", "a=null"), otherThreadReads);
            assertEquals(List.of(KeyValue.pair("a", "3"), KeyValue.pair("b", "1")), changelog.readKeyValuesToList());
            assertEquals("3", outer.get().get("a"));

            ownReads.clear();
            otherThreadReads.clear();
            in.pipeInput("r2", "b=2,b=-");
            assertEquals(List.of("b=null", "b=null"), ownReads);
            // Deletes go through at once.
            assertEquals(List.of("b=null", "b=null"), otherThreadReads);
            assertEquals(List.of(KeyValue.pair("b", null)), changelog.readKeyValuesToList());

            ownReads.clear();
            otherThreadReads.clear();
            in.pipeInput("r3", "a=4");
            assertEquals(List.of("a=3"), otherThreadReads);
            assertEquals(List.of(KeyValue.pair("a", "4")), changelog.readKeyValuesToList());
            // A range read on the writing thread sees its own changes.
            try (var all = outer.get().all()) {
                assertEquals(KeyValue.pair("a", "4"), all.next());
            }
        }
    }

    @Test
    void theLeastRecentlyUsedChangeIsWrittenWhenEvictedAndNothingIsLost() {
        try (TopologyTestDriver d = driver(2)) {
            in.pipeInput("r1", "a=1,b=1,c=1,a=2");
            // Two values fit: each one beyond them writes the least recently used change at once, so the
            // changelog still gets every key's last value, and reading back on the writing thread evicts too.
            assertEquals(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "1"), KeyValue.pair("c", "1"),
                    KeyValue.pair("a", "2")), changelog.readKeyValuesToList());
            assertEquals(List.of("a=2", "b=1", "c=1", "a=2"), ownReads);
            assertEquals("2", outer.get().get("a"));
            assertEquals("1", outer.get().get("b"));
        }
    }

    @Test
    void aReinitializedStoreForgetsWhatWasNotFlushed() {
        KeyValueStore<String, String> store = WriteBackStore.builder(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String()).withLoggingDisabled(), 10).build();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>(props, new TaskId(0, 0),
                stateDir.toFile());
        store.init(context.getStateStoreContext(), store);
        store.put("kept", "1");
        store.flush();
        store.put("kept", "2");
        store.put("lost", "1");
        assertEquals("2", store.get("kept"));
        // What Kafka Streams does with a task whose transaction aborted: close it and initialize it again.
        store.close();
        store.init(context.getStateStoreContext(), store);
        assertEquals("1", store.get("kept"));
        assertNull(store.get("lost"));
        store.close();
    }

    /** Two tasks' stores of one group on one stream thread, initialised like Kafka Streams does. */
    private List<KeyValueStore<String, String>> group(CommitWrites writes, String... names) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        List<KeyValueStore<String, String>> stores = new ArrayList<>();
        int task = 0;
        for (String name : names) {
            KeyValueStore<String, String> store = WriteBackStore.builder(Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String()).withLoggingDisabled(), 10,
                    writes).build();
            MockProcessorContext<Void, Void> context = new MockProcessorContext<>(props, new TaskId(0, task++),
                    stateDir.toFile());
            store.init(context.getStateStoreContext(), store);
            stores.add(store);
        }
        return stores;
    }

    @Test
    void theFirstStoreFlushedInACommitWritesTheThreadsOtherTasksChangesToo() {
        CommitWrites writes = new CommitWrites();
        List<KeyValueStore<String, String>> stores = group(writes, "task-a", "task-b");
        KeyValueStore<String, String> a = stores.get(0);
        KeyValueStore<String, String> b = stores.get(1);
        a.put("k", "a1");
        b.put("k", "b1");
        // Kafka Streams flushes task a's stores (then the shared producer) before task b's: b's change goes in then.
        ((WriteBackStore<String>) a).flushCache();
        assertEquals("a1", CompletableFuture.supplyAsync(() -> a.get("k")).join());
        assertEquals("b1", CompletableFuture.supplyAsync(() -> b.get("k")).join());
        // The next commit starts from nothing pending: a change after it waits for the next flush again.
        b.put("k", "b2");
        assertEquals("b1", CompletableFuture.supplyAsync(() -> b.get("k")).join());
        ((WriteBackStore<String>) a).flushCache();
        assertEquals("b2", CompletableFuture.supplyAsync(() -> b.get("k")).join());
        stores.forEach(KeyValueStore::close);
    }

    @Test
    void aStoreIsNeverWrittenFromAThreadOtherThanTheOneThatChangedIt() {
        CommitWrites writes = new CommitWrites();
        List<KeyValueStore<String, String>> stores = group(writes, "task-a", "task-b");
        KeyValueStore<String, String> a = stores.get(0);
        KeyValueStore<String, String> b = stores.get(1);
        // Task b runs on another stream thread: its pending change is that thread's, written in that thread's commit.
        CompletableFuture.runAsync(() -> b.put("k", "b1")).join();
        a.put("k", "a1");
        ((WriteBackStore<String>) a).flushCache();
        assertEquals("a1", CompletableFuture.supplyAsync(() -> a.get("k")).join());
        assertNull(b.get("k"));
        stores.forEach(KeyValueStore::close);
    }
}
