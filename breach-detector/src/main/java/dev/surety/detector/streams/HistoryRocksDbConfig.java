package dev.surety.detector.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of the period-history stores ({@code objective-history}, {@code
 * objective-episodes}): by default every RocksDB instance — one per store and partition — may take
 * up to 3 × 16 MB of memtables and a 50 MB block cache of its own, which for two more stores on six
 * partitions could add more than a gigabyte of resident memory. These stores are read only by
 * history queries and by the read-modify-write of the current hour (mostly served by the record
 * cache), so all of them share one small block cache that also accounts their memtables. The
 * other stores keep Kafka Streams' defaults.
 */
public class HistoryRocksDbConfig implements RocksDBConfigSetter {

    /** Block cache shared by every history store instance of this process, memtables included. */
    static final long CACHE_BYTES = 32L * 1024 * 1024;
    /** Share of the cache the memtables of all history store instances may use together. */
    static final long MEMTABLE_BYTES = 16L * 1024 * 1024;

    // Static: one cache for every store instance the process opens; never closed per store.
    private static final Cache CACHE = new LRUCache(CACHE_BYTES);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        if (!DetectorTopology.HISTORY_STORE.equals(storeName) && !DetectorTopology.EPISODES_STORE.equals(storeName)) {
            return;
        }
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(4L * 1024 * 1024);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The shared cache and write buffer manager outlive any one store.
    }
}
