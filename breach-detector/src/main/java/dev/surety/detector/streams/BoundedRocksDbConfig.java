package dev.surety.detector.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB instance of the detector — {@code objective-state},
 * the segments of {@code seen-measurement-ids-index}, the period-history stores and the global {@code
 * agreements} store, each once per partition — with Kafka Streams' documented bounded-memory setup:
 * one block cache shared by all of them, index and filter blocks kept in it, and a write-buffer
 * manager that charges every memtable to the same cache. By default each instance would take up to
 * 3 × 16 MB of memtables and a 50 MB cache of its own, which with six partitions made resident
 * memory grow with the number of stores rather than with the data.
 *
 * <p>Sizes come from the Kafka Streams configuration, where {@code application.properties} copies
 * them from {@code surety.detector.rocksdb.block-cache-mb} and {@code
 * surety.detector.rocksdb.memtable-mb}: {@value #CACHE_MB_CONFIG} (the whole cache, memtables
 * included, default {@value #DEFAULT_CACHE_MB}) and {@value #MEMTABLE_MB_CONFIG} (the memtables' share,
 * default {@value #DEFAULT_MEMTABLE_MB}). The cache is process-wide: the first store opened fixes its size.
 */
public class BoundedRocksDbConfig implements RocksDBConfigSetter {

    /** Kafka Streams config key of the shared cache size in MB (memtables included). */
    public static final String CACHE_MB_CONFIG = "surety.detector.rocksdb.block-cache-mb";
    /** Kafka Streams config key of the memtables' share of the cache in MB. */
    public static final String MEMTABLE_MB_CONFIG = "surety.detector.rocksdb.memtable-mb";
    static final long DEFAULT_CACHE_MB = 16;
    static final long DEFAULT_MEMTABLE_MB = 4;
    /** Share of the cache reserved for index and filter blocks (high priority). */
    private static final double INDEX_FILTER_RATIO = 0.1;
    /**
     * Read-ahead of each file a compaction reads. RocksDB 9 defaults to 2 MB per input file, outside the
     * cache: the small memtables below make many small level-0 files, and one universal compaction of
     * them held tens of MB at once. The files are local, so short reads cost little.
     */
    static final long COMPACTION_READAHEAD_BYTES = 256 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long memtableBytes;

    // Static: one cache for every store instance the process opens; never closed per store.
    private static synchronized void init(Map<String, Object> configs) {
        if (cache != null) {
            return;
        }
        long cacheBytes = mb(configs.get(CACHE_MB_CONFIG), DEFAULT_CACHE_MB);
        memtableBytes = Math.min(cacheBytes / 2, mb(configs.get(MEMTABLE_MB_CONFIG), DEFAULT_MEMTABLE_MB));
        cache = new LRUCache(cacheBytes, -1, false, INDEX_FILTER_RATIO);
        writeBuffers = new WriteBufferManager(memtableBytes, cache);
    }

    private static long mb(Object value, long dflt) {
        long mb = value == null || value.toString().isBlank() ? dflt : Long.parseLong(value.toString().trim());
        if (mb <= 0) {
            throw new IllegalArgumentException("RocksDB memory sizes must be positive (MB): " + value);
        }
        return mb * 1024 * 1024;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        init(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        // Small memtables: the manager bounds their sum, and many small stores flush early instead of
        // each holding up to 48 MB.
        options.setWriteBufferSize(Math.max(1024 * 1024, Math.min(4L * 1024 * 1024, memtableBytes / 8)));
        options.setMaxWriteBufferNumber(2);
        options.setCompactionReadaheadSize(COMPACTION_READAHEAD_BYTES);
    }

    @Override
    public void close(String storeName, Options options) {
        // The shared cache and write buffer manager outlive any one store.
    }
}
