package dev.surety.detector.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorContextUtils;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The ids of applied measurements, by event time, for dropping redelivered duplicates: an id seen
 * within the horizon (event time, relative to the newest measurement the task has seen) is never
 * judged twice, across restarts and rebalances.
 *
 * <p>A Kafka Streams window store with a changelog writes one changelog record per id, which under
 * exactly-once the commit must wait for like any other. This store writes <em>the ids of a
 * commit as one changelog record</em> (a batch), and keeps a local index of every id for the
 * look-ups: a RocksDB window store of its own, without changelog, registered with the task beside
 * this store. The ids applied since the last commit stay in memory (they count as seen at once)
 * and go, when Kafka Streams flushes the stores in the commit — before the transaction commits —,
 * into the index and, as one record, into the changelog. Restoring the changelog (a new instance,
 * a task moved, or exactly-once wiping the state after a crash) puts every id of every batch back
 * into the index. So the batch and the offsets of the measurements it holds commit together, as
 * the window store's records did. Like {@link WriteBackStore}, it belongs to a {@link CommitWrites} group: the first
 * store of the group flushed on a thread in a commit writes the pending ids of all of them.
 *
 * <p>The index is a segmented window store with the horizon as retention: ids older than the
 * horizon drop out with their segment, on writes and on restores alike. The changelog keeps each
 * batch for the horizon plus a day past the batch's newest id (the retention Kafka Streams gives
 * window-store changelogs); batch keys are random, so compaction never replaces one.
 *
 * <p>A record of the window store this store replaces (same name, so the same changelog topic) is
 * restored too: an upgraded instance keeps the ids it had seen.
 */
final class SeenIdsStore extends WrappedStateStore<WindowStore<Bytes, byte[]>, Bytes, byte[]>
        implements CommitWrites.Pending {

    /** First byte of a batch record's key; the old window store's keys start with the id. */
    static final byte BATCH_KEY_MAGIC = 0;
    /** Version byte at the start of a batch record's value. */
    private static final byte BATCH_FORMAT = 1;
    /** At most this many ids per changelog record: a long commit interval (at-least-once) stays below max.request.size. */
    static final int MAX_IDS_PER_BATCH = 4096;
    private static final byte[] PRESENT = {1};
    /** Kafka Streams' default of windowstore.changelog.additional.retention.ms. */
    private static final Duration CHANGELOG_EXTRA_RETENTION = Duration.ofDays(1);

    /** Equality written out: the generated methods (method-handle chains) cost more on this per-measurement path. */
    private record Seen(String id, long at) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Seen s && s.at == at && s.id.equals(id);
        }

        @Override
        public int hashCode() {
            return 31 * id.hashCode() + Long.hashCode(at);
        }
    }

    private final String name;
    /** Ids applied since the last flush, in order. */
    private final List<Seen> pending = new ArrayList<>();
    private final Set<Seen> pendingSet = new HashSet<>();
    private final CommitWrites writes;
    /** The thread that adds ids (the task's stream thread); null until the first. */
    private volatile Thread writer;
    private InternalProcessorContext<?, ?> context;

    SeenIdsStore(String name, WindowStore<Bytes, byte[]> index) {
        this(name, index, new CommitWrites());
    }

    SeenIdsStore(String name, WindowStore<Bytes, byte[]> index, CommitWrites writes) {
        super(index);
        this.name = name;
        this.writes = writes;
    }

    /** A builder of this store: {@code name}'s changelog holds the batches, {@code name}-index is the local index. */
    static StoreBuilder<SeenIdsStore> builder(String name, Duration horizon) {
        return builder(name, horizon, new CommitWrites());
    }

    /** As {@link #builder(String, Duration)}, in group {@code writes}: written with its other stores. */
    static StoreBuilder<SeenIdsStore> builder(String name, Duration horizon, CommitWrites writes) {
        return new Builder(name, horizon, true, writes);
    }

    /** Whether {@code id} was applied at event time {@code at} within the horizon. */
    boolean seen(String id, long at) {
        Seen s = new Seen(id, at);
        return pendingSet.contains(s) || wrapped().fetch(key(id), at) != null;
    }

    /** Remembers that {@code id} at event time {@code at} was applied; in the changelog with the next commit. */
    void add(String id, long at) {
        Seen s = new Seen(id, at);
        if (pendingSet.add(s)) {
            if (pending.isEmpty()) {
                writer = Thread.currentThread();
                writes.changed(this);
            }
            pending.add(s);
            if (pending.size() >= MAX_IDS_PER_BATCH) {
                writeBatch();
            }
        }
    }

    private static Bytes key(String id) {
        return Bytes.wrap(id.getBytes(StandardCharsets.UTF_8));
    }

    /** Written in the commit by the first store of the group Kafka Streams flushes on this thread. */
    @Override
    public void writePending() {
        if (Thread.currentThread() == writer) {
            writeBatch();
        }
    }

    /** Writes the pending ids into the index and, as one record, into the changelog. */
    private void writeBatch() {
        if (pending.isEmpty()) {
            return;
        }
        List<byte[]> ids = new ArrayList<>(pending.size());
        int size = 1;
        long newest = 0;
        for (Seen s : pending) {
            byte[] id = s.id().getBytes(StandardCharsets.UTF_8);
            ids.add(id);
            size += Long.BYTES + Integer.BYTES + id.length;
            newest = Math.max(newest, s.at());
            wrapped().put(Bytes.wrap(id), PRESENT, s.at());
        }
        ByteBuffer value = ByteBuffer.allocate(size);
        value.put(BATCH_FORMAT);
        for (int i = 0; i < ids.size(); i++) {
            value.putLong(pending.get(i).at());
            value.putInt(ids.get(i).length);
            value.put(ids.get(i));
        }
        ByteBuffer batchKey = ByteBuffer.allocate(1 + 2 * Long.BYTES);
        batchKey.put(BATCH_KEY_MAGIC);
        batchKey.putLong(ThreadLocalRandom.current().nextLong());
        batchKey.putLong(ThreadLocalRandom.current().nextLong());
        // The batch's time is its newest id's: the changelog keeps it at least as long as the index keeps any of its ids.
        context.logChange(name, Bytes.wrap(batchKey.array()), value.array(), Math.max(0, newest), wrapped().getPosition());
        pending.clear();
        pendingSet.clear();
    }

    /** Puts the ids of changelog records back into the index: batches, and records of the old window store. */
    void restore(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> r : records) {
            if (r.value == null || r.key.length == 0) {
                continue;
            }
            if (r.key[0] == BATCH_KEY_MAGIC) {
                ByteBuffer v = ByteBuffer.wrap(r.value);
                if (v.get() != BATCH_FORMAT) {
                    throw new IllegalStateException("unknown batch format in the changelog of " + name);
                }
                while (v.hasRemaining()) {
                    long at = v.getLong();
                    byte[] id = new byte[v.getInt()];
                    v.get(id);
                    wrapped().put(Bytes.wrap(id), PRESENT, at);
                }
            } else if (r.key.length > Long.BYTES + Integer.BYTES) {
                // The window store's key: id bytes, window start (8 bytes), sequence number (4 bytes).
                int idLength = r.key.length - Long.BYTES - Integer.BYTES;
                long at = ByteBuffer.wrap(r.key, idLength, Long.BYTES).getLong();
                byte[] id = new byte[idLength];
                System.arraycopy(r.key, 0, id, 0, idLength);
                wrapped().put(Bytes.wrap(id), PRESENT, at);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        pending.clear();
        pendingSet.clear();
        this.context = ProcessorContextUtils.asInternalProcessorContext(context);
        // The index registers under its own name as a store without changelog (it is rebuilt from ours);
        // the state manager flushes and closes it with the task's other stores, and wipes it with them.
        wrapped().init(context, wrapped());
        context.register(root, (BatchingStateRestoreCallback) this::restore);
    }

    /** Called by Kafka Streams in every commit before the transaction commits: the ids go in with it. */
    @Override
    public void flushCache() {
        writes.writeAll();
        writeBatch();
    }

    @Override
    public void flush() {
        writeBatch();
        wrapped().flush();
    }

    /** A task closed without commit (e.g. after an aborted transaction) forgets the ids it did not commit. */
    @Override
    public void clearCache() {
        pending.clear();
        pendingSet.clear();
    }

    @Override
    public void close() {
        pending.clear();
        pendingSet.clear();
        if (wrapped().isOpen()) {
            wrapped().close();
        }
    }

    private record Builder(String name, Duration horizon, boolean logging, CommitWrites writes)
            implements StoreBuilder<SeenIdsStore> {

        @Override
        public StoreBuilder<SeenIdsStore> withCachingEnabled() {
            throw new UnsupportedOperationException("the store keeps a commit's ids in memory by itself");
        }

        @Override
        public StoreBuilder<SeenIdsStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<SeenIdsStore> withLoggingEnabled(Map<String, String> config) {
            if (!config.isEmpty()) {
                throw new UnsupportedOperationException("the changelog's configuration is fixed by the store");
            }
            return new Builder(name, horizon, true, writes);
        }

        @Override
        public StoreBuilder<SeenIdsStore> withLoggingDisabled() {
            throw new UnsupportedOperationException("without its changelog the store would forget ids on restart");
        }

        @Override
        public SeenIdsStore build() {
            // Segments of half the horizon (at least a minute), as Kafka Streams' window stores have.
            WindowStore<Bytes, byte[]> index = Stores.persistentWindowStore(name + "-index", horizon,
                    Duration.ofMillis(1), false).get();
            return new SeenIdsStore(name, index, writes);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(horizon.plus(CHANGELOG_EXTRA_RETENTION).toMillis()));
        }

        @Override
        public boolean loggingEnabled() {
            return logging;
        }
    }
}
