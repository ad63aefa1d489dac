package dev.surety.detector.streams;

/**
 * The setter's former name, kept so configurations naming it still start: it now bounds every
 * store, see {@link BoundedRocksDbConfig}.
 *
 * @deprecated use {@link BoundedRocksDbConfig}
 */
@Deprecated
public class HistoryRocksDbConfig extends BoundedRocksDbConfig {
}
