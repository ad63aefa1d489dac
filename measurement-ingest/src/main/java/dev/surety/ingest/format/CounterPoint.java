package dev.surety.ingest.format;

import dev.surety.events.RawMetric;

/**
 * A collectd {@code derive} or {@code counter} value: a cumulative count that only becomes a sample
 * once it is compared with the previous value of the same identity.
 *
 * @param path     where it sits in the payload, e.g. {@code [3].values[1]}
 * @param identity host/plugin/plugin_instance/type/type_instance/dsname
 * @param counter  true for {@code counter} (unsigned, wraps at 2^32 or 2^64), false for {@code derive} (signed; a
 *                 decrease is a reset)
 * @param raw      the value's 64 bits (unsigned for counters)
 * @param time     seconds since the epoch, as collectd writes it
 * @param template the sample to emit, with the rate still to be filled in as its value
 */
public record CounterPoint(int index, String path, String identity, boolean counter, long raw, double time,
                           RawMetric template) {
}
