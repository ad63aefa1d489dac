package dev.surety.ingest.format;

import java.util.List;

/**
 * How samples of the foreign formats map onto Surety's {@code RawMetric} fields.
 *
 * @param serviceTag            line protocol: the tag naming the service
 * @param sourceTag             line protocol: the tag naming the source (host)
 * @param goodField             line protocol: the field counting good events of a counted sample
 * @param totalField            line protocol: the field counting all events of a counted sample
 * @param defaultService        service of samples that name none (null: such samples are invalid; collectd falls back to the host)
 * @param prometheusServiceLabels remote write: labels naming the service, first present wins
 * @param maxDecompressedSize   remote write: largest snappy-decompressed body, bytes
 */
public record FormatSettings(String serviceTag, String sourceTag, String goodField, String totalField,
                             String defaultService, List<String> prometheusServiceLabels, long maxDecompressedSize) {

    public FormatSettings {
        prometheusServiceLabels = List.copyOf(prometheusServiceLabels);
    }

    /** The documented defaults. */
    public static FormatSettings defaults() {
        return new FormatSettings("service", "host", "good", "total", null, List.of("service", "job"), 32L << 20);
    }
}
