package dev.surety.detector.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A persistent, changelogged key-value store whose values the processing thread reads and writes
 * decoded: a put only marks the value changed, and every changed value is written — encoded once,
 * into the store and its changelog — when Kafka Streams flushes the stores in the commit, before
 * the transaction commits. So a value changed by many records between two commits is encoded once,
 * and no record pays for the record cache (which encodes on every put). Up to {@code maxEntries}
 * recently used values stay decoded; the least recently used goes first, written at once if it had
 * changed (as the record cache evicts), so memory stays bounded between commits. The first store of a
 * {@link CommitWrites} group that Kafka Streams flushes in a commit writes the changes of every store of the group on
 * that thread, so the thread's tasks send their changes in one producer flush (see there).
 *
 * <p>Only the thread that writes sees its own changes before the commit. Any other thread —
 * interactive queries — reads the store underneath, i.e. every value as of the last flush: whole
 * values, never one a record is changing. A range read on the writing thread first writes the
 * changes, so it sees them. Nothing decoded survives {@link #init} or {@link #close}: a task revived
 * after an aborted transaction starts from what the changelog restored.
 */
final class WriteBackStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
        implements KeyValueStore<String, V>, CommitWrites.Pending {

    private static final class Entry<V> {
        V value;
        boolean changed;

        Entry(V value, boolean changed) {
            this.value = value;
            this.changed = changed;
        }
    }

    private final int maxEntries;
    private final CommitWrites writes;
    private final LinkedHashMap<String, Entry<V>> decoded;
    /** Keys changed since the last flush, in order of their first change (a key may repeat). */
    private final List<String> changed = new ArrayList<>();
    /** The thread that writes (the task's stream thread); null until the first write. */
    private volatile Thread writer;

    WriteBackStore(KeyValueStore<String, V> inner, int maxEntries, CommitWrites writes) {
        super(inner);
        this.maxEntries = Math.max(1, maxEntries);
        this.writes = writes;
        this.decoded = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                if (size() <= WriteBackStore.this.maxEntries) {
                    return false;
                }
                if (eldest.getValue().changed) {
                    // Its key stays in the changed list; the flush skips keys no longer held.
                    wrapped().put(eldest.getKey(), eldest.getValue().value);
                }
                return true;
            }
        };
    }

    /**
     * A builder of {@code inner}'s store (it must not cache: this store does) wrapped in a
     * write-back store keeping up to {@code maxEntries} values decoded, in a group of its own.
     */
    static <V> StoreBuilder<KeyValueStore<String, V>> builder(StoreBuilder<KeyValueStore<String, V>> inner,
                                                               int maxEntries) {
        return builder(inner, maxEntries, new CommitWrites());
    }

    /** As {@link #builder(StoreBuilder, int)}, in group {@code writes}: written with its other stores. */
    static <V> StoreBuilder<KeyValueStore<String, V>> builder(StoreBuilder<KeyValueStore<String, V>> inner,
                                                               int maxEntries, CommitWrites writes) {
        return new Builder<>(inner, maxEntries, writes);
    }

    private boolean onWriter() {
        return Thread.currentThread() == writer;
    }

    private void claim() {
        Thread t = Thread.currentThread();
        if (writer != t) {
            writer = t;
        }
    }

    @Override
    public V get(String key) {
        if (!onWriter()) {
            return wrapped().get(key);
        }
        Entry<V> e = decoded.get(key);
        if (e != null) {
            return e.value;
        }
        V v = wrapped().get(key);
        if (v != null) {
            decoded.put(key, new Entry<>(v, false));
        }
        return v;
    }

    @Override
    public void put(String key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        claim();
        Entry<V> e = decoded.get(key);
        if (e == null) {
            decoded.put(key, new Entry<>(value, true));
            markChanged(key);
        } else {
            e.value = value;
            if (!e.changed) {
                e.changed = true;
                markChanged(key);
            }
        }
    }

    private void markChanged(String key) {
        if (changed.isEmpty()) {
            writes.changed(this);
        }
        changed.add(key);
    }

    @Override
    public V putIfAbsent(String key, V value) {
        claim();
        V before = get(key);
        if (before == null) {
            put(key, value);
        }
        return before;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        for (KeyValue<String, V> kv : entries) {
            put(kv.key, kv.value);
        }
    }

    @Override
    public V delete(String key) {
        claim();
        V before = get(key);
        decoded.remove(key);
        wrapped().delete(key);
        return before;
    }

    /** Writes every changed value into the store underneath (and so its changelog); they stay decoded. */
    private void writeChanges() {
        if (changed.isEmpty()) {
            return;
        }
        for (String key : changed) {
            Entry<V> e = decoded.get(key);
            if (e != null && e.changed) {
                wrapped().put(key, e.value);
                e.changed = false;
            }
        }
        changed.clear();
    }

    /** Written in the commit by the first store of the group Kafka Streams flushes on this thread. */
    @Override
    public void writePending() {
        if (onWriter()) {
            writeChanges();
        }
    }

    private KeyValueIterator<String, V> scan(Supplier<KeyValueIterator<String, V>> read) {
        if (onWriter()) {
            writeChanges();
        }
        return read.get();
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return scan(() -> wrapped().range(from, to));
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        return scan(() -> wrapped().reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return scan(() -> wrapped().all());
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        return scan(() -> wrapped().reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return scan(() -> wrapped().prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    /** Called by Kafka Streams in every commit before the transaction commits: the changes go in with it. */
    @Override
    public void flushCache() {
        // This thread's other stores of the group (other tasks' too) go now: the producer flush that follows
        // waits for all of them at once.
        writes.writeAll();
        writeChanges();
        super.flushCache();
    }

    @Override
    public void flush() {
        writeChanges();
        super.flush();
    }

    private void forget() {
        decoded.clear();
        changed.clear();
        writer = null;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        forget();
        super.init(context, root);
    }

    @Override
    public void clearCache() {
        forget();
        super.clearCache();
    }

    @Override
    public void close() {
        forget();
        super.close();
    }

    private record Builder<V>(StoreBuilder<KeyValueStore<String, V>> inner, int maxEntries, CommitWrites writes)
            implements StoreBuilder<KeyValueStore<String, V>> {

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
            throw new UnsupportedOperationException("a write-back store caches by itself");
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(inner.withLoggingEnabled(config), maxEntries, writes);
        }

        @Override
        public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
            return new Builder<>(inner.withLoggingDisabled(), maxEntries, writes);
        }

        @Override
        public KeyValueStore<String, V> build() {
            return new WriteBackStore<>(inner.build(), maxEntries, writes);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
