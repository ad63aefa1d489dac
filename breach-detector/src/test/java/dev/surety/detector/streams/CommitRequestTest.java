package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.AGREEMENT;
import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.OBJECTIVE;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.detector.AgreementHistory;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Exclusions;
import dev.surety.events.Measurement;
import dev.surety.events.SliKind;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A breach event asks Kafka Streams to commit right after the records at hand (read_committed readers see it only
 * then), at most once per breach-commit-spacing whatever the commit interval; other records wait for the commit
 * interval. TopologyTestDriver commits after every record, so this runs
 * the processor on a {@link MockProcessorContext}, which tells whether a commit was requested.
 */
class CommitRequestTest {

    @TempDir
    Path stateDir;

    MockProcessorContext<String, byte[]> context;
    ObjectiveProcessor processor;
    List<StateStore> stores;
    CommitThrottle throttle;

    @BeforeEach
    void start() {
        // A 100 ms commit interval; breach events ask for a commit at most every 200 ms.
        start(props(StreamsConfig.EXACTLY_ONCE_V2, "100"), Duration.ofMillis(200));
    }

    private static Properties props(String guarantee, String commitIntervalMs) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "commit-request-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        if (commitIntervalMs != null) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        }
        return props;
    }

    private void start(Properties props, Duration breachCommitSpacing) {
        if (processor != null) {
            stop();
        }
        throttle = new CommitThrottle(breachCommitSpacing.toMillis());
        Task task = openTask(props, new TaskId(0, 0));
        context = task.context();
        processor = task.processor();
        stores = task.stores();
    }

    /** One task of the topology: its own context, stores and processor, pacing its commits with {@link #throttle}. */
    private Task openTask(Properties props, TaskId id) {
        MockProcessorContext<String, byte[]> ctx = new MockProcessorContext<>(props, id,
                stateDir.resolve(id.toString()).toFile());
        ctx.setCurrentSystemTimeMs(T0.toEpochMilli());
        KeyValueStore<String, AgreementHistory> agreements = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(DetectorTopology.AGREEMENTS_STORE), Serdes.String(),
                AgreementHistorySerde.create()).withLoggingDisabled().build();
        List<StateStore> taskStores = List.of(agreements,
                WriteBackStore.builder(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(DetectorTopology.STATE_STORE), Serdes.String(),
                        ObjectiveStateSerde.create()).withLoggingDisabled(), 100).build(),
                WriteBackStore.builder(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(DetectorTopology.HISTORY_STORE), Serdes.String(),
                        HistoryStores.hourCountSerde()).withLoggingDisabled(), 100).build(),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DetectorTopology.EPISODES_STORE),
                        Serdes.String(), HistoryStores.episodeSerde()).withLoggingDisabled().build());
        for (StateStore s : taskStores) {
            s.init(ctx.getStateStoreContext(), s);
            ctx.addStateStore(s);
        }
        ctx.addStateStore(seenIds());
        agreements.put(AGREEMENT, AgreementHistory.of(agreement(1, AgreementStatus.ACTIVE, T0, "UTC",
                Exclusions.NONE, spec(SliKind.RATIO, null, null, null, null, "99", "PT1H", Duration.ofSeconds(60),
                        "90", null, List.of(), null, Duration.ofHours(1)))));
        TopologySettings settings = DetectorDriver.settings(Map.of());
        ObjectiveProcessor p = new ObjectiveProcessor(settings, new DetectorDriver.CountingMetrics(),
                new AgreementChanges(), throttle);
        p.init(ctx);
        return new Task(ctx, p, taskStores);
    }

    private record Task(MockProcessorContext<String, byte[]> context, ObjectiveProcessor processor,
            List<StateStore> stores) {
        void close() {
            processor.close();
            stores.forEach(StateStore::close);
        }
    }

    @AfterEach
    void stop() {
        new Task(context, processor, stores).close();
        processor = null;
    }

    /**
     * The applied-ids store over a map for its local index: Kafka Streams' window stores need a task's internals to
     * start, which MockProcessorContext does not have. The store is not initialised (no changelog here); the
     * processor only asks it about single ids and adds them, which stay pending in the store itself.
     */
    private static SeenIdsStore seenIds() {
        Map<Bytes, byte[]> index = new HashMap<>();
        @SuppressWarnings("unchecked")
        WindowStore<Bytes, byte[]> map = (WindowStore<Bytes, byte[]>) Proxy.newProxyInstance(
                CommitRequestTest.class.getClassLoader(), new Class<?>[] {WindowStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> DetectorTopology.SEEN_IDS_STORE + "-index";
                    case "fetch" -> index.get((Bytes) args[0]);
                    case "put" -> index.put((Bytes) args[0], (byte[]) args[1]);
                    case "isOpen", "persistent" -> true;
                    case "close", "flush" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new SeenIdsStore(DetectorTopology.SEEN_IDS_STORE, map);
    }

    private void measure(Instant at, long good, long total) {
        measure(processor, at, good, total);
    }

    private static void measure(ObjectiveProcessor target, Instant at, long good, long total) {
        Measurement m = new Measurement(UUID.randomUUID().toString(), "raw-" + at, AGREEMENT, 1, OBJECTIVE, "acme",
                at, good, total);
        target.process(new Record<>(KEY, EventCodec.encode(m), at.toEpochMilli()));
    }

    private List<EventType> forwardedTypes() {
        return context.forwarded().stream()
                .map(f -> CloudEvents.type(f.record().headers()))
                .toList();
    }

    @Test
    void aBreachAsksForACommitAtOnceAndOtherRecordsDoNot() {
        measure(T0.plusSeconds(1), 100, 100);
        assertEquals(List.of(), forwardedTypes());
        assertFalse(context.committed(), "a healthy measurement waits for the commit interval");

        measure(T0.plusSeconds(2), 0, 100);
        assertEquals(List.of(EventType.BREACH_OPENED), forwardedTypes());
        assertTrue(context.committed(), "the breach is committed as soon as the records at hand are done");

        context.resetCommit();
        context.resetForwards();
        measure(T0.plusSeconds(3), 0, 100);
        assertEquals(List.of(), forwardedTypes());
        assertFalse(context.committed(), "the breach goes on: nothing new to deliver");
    }

    @Test
    void atMostOneEarlyCommitPerSpacingWhateverTheCommitInterval() {
        measure(T0.plusSeconds(1), 100, 100);
        measure(T0.plusSeconds(2), 0, 100);
        assertTrue(context.committed());
        context.resetCommit();
        context.resetForwards();

        // Within the same 200 ms the breach resolves and a new one opens: both wait for the next commit.
        measure(T0.plusSeconds(3), 10_000, 10_000);
        measure(T0.plusSeconds(4), 0, 100_000);
        assertEquals(List.of(EventType.BREACH_RESOLVED, EventType.BREACH_OPENED), forwardedTypes());
        assertFalse(context.committed(), "a storm of breaches does not commit after every record");

        // A commit interval (100 ms) later, still within the spacing: the regular commit carries them.
        context.resetForwards();
        context.setCurrentSystemTimeMs(T0.toEpochMilli() + 100);
        measure(T0.plusSeconds(5), 1_000_000, 1_000_000);
        assertEquals(List.of(EventType.BREACH_RESOLVED), forwardedTypes());
        assertFalse(context.committed(), "the spacing, not the commit interval, paces the requests");

        // One spacing after the last request, the next breach event asks again.
        context.resetForwards();
        context.setCurrentSystemTimeMs(T0.toEpochMilli() + 200);
        measure(T0.plusSeconds(6), 0, 10_000_000);
        assertEquals(List.of(EventType.BREACH_OPENED), forwardedTypes());
        assertTrue(context.committed());
    }

    /**
     * Under at-least-once with no commit interval configured, Kafka Streams commits every 30 s: breach events still
     * ask for their commit at once, and again one spacing later, not one commit interval later.
     */
    @Test
    void atLeastOnceWithItsDefaultCommitIntervalStillCommitsBreachesEarly() {
        start(props(StreamsConfig.AT_LEAST_ONCE, null), Duration.ofMillis(200));
        measure(T0.plusSeconds(1), 100, 100);
        measure(T0.plusSeconds(2), 0, 100);
        assertEquals(List.of(EventType.BREACH_OPENED), forwardedTypes());
        assertTrue(context.committed());
        context.resetCommit();
        context.resetForwards();

        context.setCurrentSystemTimeMs(T0.toEpochMilli() + 200);
        measure(T0.plusSeconds(3), 10_000, 10_000);
        assertEquals(List.of(EventType.BREACH_RESOLVED), forwardedTypes());
        assertTrue(context.committed(), "one spacing later, not 30 s later, the next breach event asks again");
    }

    /**
     * Under exactly-once v2 one commit covers all tasks of a stream thread: a breach in a second task of the same thread
     * within the spacing does not ask again (the first request commits it too), and asks once the spacing has passed.
     */
    @Test
    void theTasksOfOneStreamThreadShareTheSpacing() {
        Task second = openTask(props(StreamsConfig.EXACTLY_ONCE_V2, "100"), new TaskId(0, 1));
        try {
            measure(T0.plusSeconds(1), 100, 100);
            measure(T0.plusSeconds(2), 0, 100);
            assertTrue(context.committed(), "the first task's breach asks for the commit");

            measure(second.processor(), T0.plusSeconds(1), 100, 100);
            measure(second.processor(), T0.plusSeconds(2), 0, 100);
            assertEquals(List.of(EventType.BREACH_OPENED), second.context().forwarded().stream()
                    .map(f -> CloudEvents.type(f.record().headers())).toList());
            assertFalse(second.context().committed(), "the thread's commit already asked for carries it");

            second.context().resetForwards();
            second.context().setCurrentSystemTimeMs(T0.toEpochMilli() + 200);
            measure(second.processor(), T0.plusSeconds(3), 10_000, 10_000);
            assertTrue(second.context().committed(), "one spacing later the second task asks");
        } finally {
            second.close();
        }
    }

    @Test
    void anotherStreamThreadIsPacedOnItsOwn() throws InterruptedException {
        assertTrue(throttle.tryAcquire(T0.toEpochMilli()));
        assertFalse(throttle.tryAcquire(T0.toEpochMilli() + 199), "the same thread within the spacing");
        boolean[] other = new boolean[1];
        Thread t = new Thread(() -> other[0] = throttle.tryAcquire(T0.toEpochMilli() + 1));
        t.start();
        t.join();
        assertTrue(other[0], "a second stream thread has its own spacing");
        assertTrue(throttle.tryAcquire(T0.toEpochMilli() + 200));
    }
}
