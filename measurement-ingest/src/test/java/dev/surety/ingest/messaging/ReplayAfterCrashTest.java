package dev.surety.ingest.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.AgreementStatus;
import dev.surety.events.EventCodec;
import dev.surety.events.Measurement;
import dev.surety.events.RawMetric;
import dev.surety.ingest.format.CollectdRates;
import dev.surety.ingest.format.FormatSettings;
import dev.surety.ingest.service.AgreementHistory;
import dev.surety.ingest.service.MeasurementRouter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.KeyValue;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a crash under at-least-once leaves behind: the stores' changelogs hold what the processor wrote, the committed
 * input offset is older, and some produced measurements may be lost. The records after the committed offset are then
 * processed again against stores that already saw them. They must yield every measurement again, with the same ids
 * (breach-detector drops the doubles by id): no sample is taken for a duplicate of itself, no collectd value for an
 * already-seen baseline. The processor runs on a mock context, so the offsets are the test's to choose.
 */
class ReplayAfterCrashTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
    private static final String TOPIC = "raw";
    private static final String COLLECTD = "[{\"values\":[%d],\"dstypes\":[\"derive\"],\"dsnames\":[\"value\"],"
            + "\"time\":%s,\"interval\":10.0,\"host\":\"web-1\",\"plugin\":\"interface\",\"plugin_instance\":\"eth0\","
            + "\"type\":\"if_octets\",\"type_instance\":\"rx\"}]";

    private MockProcessorContext<Object, byte[]> context;
    private RawMetricProcessor processor;
    private KeyValueStore<String, byte[]> rates;
    private CountingListener listener;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay-after-crash-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(props);
        context.setCurrentSystemTimeMs(NOW.toEpochMilli());
        KeyValueStore<String, AgreementHistory> agreements = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(IngestTopology.AGREEMENT_STORE), Serdes.String(),
                new AgreementHistorySerde()).withLoggingDisabled().build();
        rates = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(IngestTopology.RATE_STORE), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        for (var store : List.of(agreements, rates)) {
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        // Kafka's window stores need a real task context; this one keeps what the processor puts, in memory.
        context.addStateStore(seenIds(IngestTopology.DEDUP_STORE));
        agreements.put("agr-1", new AgreementHistory(List.of(FormatsTopologyTest.agreement("agr-1", 1,
                AgreementStatus.ACTIVE, T0, List.of(),
                FormatsTopologyTest.threshold("avail", "checkout", "http_requests", "1"),
                FormatsTopologyTest.threshold("rx", "web-1", "interface_eth0_if_octets_rx", "1000")))));
        listener = new CountingListener();
        IngestSettings settings = new IngestSettings(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(10),
                1 << 20, 20, FormatSettings.defaults());
        processor = new RawMetricProcessor(IngestTopology.AGREEMENT_STORE, new AgreementStoreChanges(),
                new MeasurementRouter(settings.maxFutureSkew(), settings.maxAge()), settings,
                IngestTopology.DEDUP_STORE, listener);
        processor.init(context);
    }

    /** The records of one partition, offsets 0 to 5. */
    private static List<byte[]> records() {
        List<byte[]> values = new ArrayList<>();
        values.add(surety("s-1", "2026-03-10T11:58:00Z", 99));                       // 0: sample with an id
        values.add(utf8(String.format(COLLECTD, 1000, "1773143870.0")));              // 1: collectd baseline
        values.add(utf8(String.format(COLLECTD, 6000, "1773143880.0")));              // 2: rate 500/s
        values.add(surety(null, "2026-03-10T11:58:10Z", 98));                        // 3: sample without id
        values.add(utf8(String.format(COLLECTD, 8000, "1773143890.0")));              // 4: rate 200/s
        values.add(surety("s-2", "2026-03-10T11:58:20Z", 97));                       // 5: another id
        return values;
    }

    private List<Measurement> process(List<byte[]> values, int fromOffset) {
        context.resetForwards();
        for (int offset = fromOffset; offset < values.size(); offset++) {
            context.setRecordMetadata(TOPIC, 0, offset);
            processor.process(new Record<>(utf8("k"), values.get(offset), NOW.minusSeconds(5).toEpochMilli(),
                    new RecordHeaders()));
        }
        List<Measurement> out = new ArrayList<>();
        for (var forward : context.forwarded()) {
            assertEquals(IngestTopology.MEASUREMENTS_SINK, forward.childName().orElseThrow(), "nothing dead-lettered");
            out.add(EventCodec.decode(forward.record().value(), Measurement.class));
        }
        return out;
    }

    @Test
    void recordsProcessedAgainAfterACrashYieldTheSameMeasurementsWithTheSameIds() {
        List<Measurement> first = process(records(), 0);
        assertEquals(5, first.size(), "two ids, one sample without id, two collectd rates");
        assertEquals(List.of(500.0, 200.0), first.stream().filter(m -> m.objectiveId().equals("rx"))
                .map(Measurement::value).toList());

        // The crash: stores as the changelog left them, input committed at offset 0 or 2.
        assertEquals(first, process(records(), 0));
        assertEquals(first.subList(1, 5), process(records(), 2), "from the rate of offset 2 on");
        assertEquals(0, listener.duplicates, "a record processed again is no duplicate of itself");
    }

    @Test
    void aResentSampleOrCollectdValueIsStillADuplicateAfterAReplay() {
        List<byte[]> values = records();
        process(values, 0);
        process(values, 0);
        // The agent sends sample s-1 and the last collectd value again: new records at new offsets.
        values.add(surety("s-1", "2026-03-10T11:58:00Z", 99));
        values.add(utf8(String.format(COLLECTD, 8000, "1773143890.0")));
        assertTrue(process(values, 6).isEmpty());
        assertEquals(1, listener.duplicates);
        // The next collectd value is judged against the newest baseline.
        values.add(utf8(String.format(COLLECTD, 9000, "1773143900.0")));
        assertEquals(List.of(100.0), process(values, 8).stream().map(Measurement::value).toList());
    }

    @Test
    void measurementIdsOfTheReplayAreTheDeterministicOnes() {
        process(records(), 0);
        List<Measurement> replayed = process(records(), 0);
        assertEquals(MeasurementRouter.measurementId("s-1", "agr-1", "avail"), replayed.get(0).id());
        assertEquals(MeasurementRouter.measurementId(TOPIC + "/0@3#0", "agr-1", "avail"), replayed.get(2).id());
    }

    @Test
    void aBaselineStoredBeforeTheHistoryFormatIsReadAsTheLastValue() {
        String identity = "web-1/interface/eth0/if_octets/rx/value";
        rates.put(identity, new CollectdRates.Previous(1773143870.0, 1000).encode());
        List<Measurement> out = process(List.of(utf8(String.format(COLLECTD, 6000, "1773143880.0"))), 0);
        assertEquals(1, out.size(), "the stored identity is " + identity);
        assertEquals(500.0, out.get(0).value());
    }

    @Test
    void theHistoryKeepsTheLastValuesOnly() {
        RateHistory h = RateHistory.empty();
        for (int i = 0; i < RateHistory.MAX_POINTS + 5; i++) {
            h = RateHistory.decode(h.with(new CollectdRates.Previous(i, i * 10L), 100 + i).encode());
        }
        assertEquals(RateHistory.MAX_POINTS, h.size());
        assertEquals(new CollectdRates.Previous(RateHistory.MAX_POINTS + 3, (RateHistory.MAX_POINTS + 3) * 10L),
                h.before(100 + RateHistory.MAX_POINTS + 4));
        assertNull(h.before(105), "older values were dropped");
        assertTrue(h.setAtOrAfter(100 + RateHistory.MAX_POINTS + 4));
    }

    private static byte[] surety(String id, String time, long good) {
        return EventCodec.encode(new RawMetric(id, "agent-7", "checkout", "http_requests", Map.of("pod", "a"),
                Instant.parse(time), null, good, 100L));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A window store holding {@code put}s in memory, answering {@code fetch(key, from, to)}; nothing else is used. */
    @SuppressWarnings("unchecked")
    private static WindowStore<String, Long> seenIds(String name) {
        Map<String, java.util.NavigableMap<Long, Long>> entries = new java.util.HashMap<>();
        return (WindowStore<String, Long>) Proxy.newProxyInstance(ReplayAfterCrashTest.class.getClassLoader(),
                new Class<?>[] {WindowStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "persistent" -> false;
                    case "isOpen" -> true;
                    case "put" -> {
                        entries.computeIfAbsent((String) args[0], k -> new java.util.TreeMap<>())
                                .put((Long) args[2], (Long) args[1]);
                        yield null;
                    }
                    case "fetch" -> {
                        if (args.length != 3 || !(args[1] instanceof Instant from)) {
                            throw new UnsupportedOperationException(method.toString());
                        }
                        var window = entries.getOrDefault((String) args[0], new java.util.TreeMap<>())
                                .subMap(from.toEpochMilli(), true, ((Instant) args[2]).toEpochMilli(), true);
                        yield iterator(new ArrayList<>(window.entrySet()));
                    }
                    case "close", "flush", "commit" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "seen ids " + entries;
                    default -> throw new UnsupportedOperationException(method.toString());
                });
    }

    private static WindowStoreIterator<Long> iterator(List<Map.Entry<Long, Long>> list) {
        var it = list.iterator();
        return new WindowStoreIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Long, Long> next() {
                Map.Entry<Long, Long> e = it.next();
                return KeyValue.pair(e.getKey(), e.getValue());
            }

            @Override
            public Long peekNextKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }
}
