package dev.surety.ingest.format;

import dev.surety.events.EventType;
import java.util.Locale;

/**
 * The raw metric formats measurement-ingest accepts, with the CloudEvents type and content type
 * that name each on the raw topic. Surety's own JSON keeps the catalog's type; the others are
 * this service's own types, because their data is not a {@code RawMetric}.
 */
public enum PayloadFormat {
    /** Surety's JSON metric event: one {@code RawMetric} object or an array of them. */
    SURETY_JSON(EventType.RAW_METRIC.ceType(), "application/json"),
    /** InfluxDB line protocol, as Telegraf writes it (data_format = "influx"). */
    INFLUX_LINE("dev.surety.metric.raw.influx-line.v1", "text/plain; charset=utf-8"),
    /** collectd's JSON, as its write_http and write_kafka plugins write it (Format JSON). */
    COLLECTD_JSON("dev.surety.metric.raw.collectd-json.v1", "application/json"),
    /** A Prometheus remote write 1.0 request body: snappy-compressed protobuf WriteRequest. */
    PROMETHEUS_REMOTE_WRITE("dev.surety.metric.raw.prometheus-remote-write.v1", "application/x-protobuf");

    private final String ceType;
    private final String contentType;

    PayloadFormat(String ceType, String contentType) {
        this.ceType = ceType;
        this.contentType = contentType;
    }

    /** The {@code ce_type} header naming this format on the raw topic. */
    public String ceType() {
        return ceType;
    }

    /** The {@code content-type} header written with records of this format. */
    public String contentType() {
        return contentType;
    }

    /** The short name used in metrics tags and logs. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The format a {@code ce_type} names, or null when it names none of them. */
    public static PayloadFormat ofCeType(String ceType) {
        for (PayloadFormat f : values()) {
            if (f.ceType.equals(ceType)) {
                return f;
            }
        }
        return null;
    }
}
