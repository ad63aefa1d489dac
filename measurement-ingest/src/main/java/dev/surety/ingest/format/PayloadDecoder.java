package dev.surety.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.events.CloudEvents;
import dev.surety.ingest.service.RawMetricParser;
import dev.surety.ingest.service.RejectedException;
import dev.surety.ingest.service.RejectionCategory;
import dev.surety.ingest.service.Sample;
import java.util.List;
import java.util.Locale;

/**
 * Recognises a payload's format and reads it. Used by the topology (from the record's headers) and by the HTTP
 * endpoints (from the request's Content-Type), so both accept exactly the same bytes.
 *
 * <p>Recognition, first rule that applies: a {@code ce_type} header names the format (Surety's raw metric type or
 * one of {@link PayloadFormat}'s); else a {@code content-type} names it ({@code application/json} → JSON,
 * {@code text/plain} or {@code application/x-influxdb-line-protocol} → line protocol,
 * {@code application/x-protobuf} → remote write); else the bytes decide: JSON (first non-blank byte {@code {} or
 * {@code [}) is collectd's when its value lists carry {@code values} and {@code dstypes}, otherwise Surety's; anything
 * else is read as line protocol.
 */
public final class PayloadDecoder {

    private PayloadDecoder() {
    }

    /**
     * @param ceType      the {@code ce_type} header, or null
     * @param contentType the {@code content-type} header, or null
     * @throws RejectedException unsupported-type, unparseable or invalid (a shape problem of the whole payload)
     */
    public static Decoded decode(String ceType, String contentType, byte[] payload, DecodeContext ctx) {
        Hint hint = hint(ceType, contentType);
        return switch (hint) {
            case INFLUX -> InfluxLineParser.parse(payload, ctx);
            case REMOTE_WRITE -> RemoteWriteParser.parse(payload, ctx);
            case SURETY -> new Decoded(PayloadFormat.SURETY_JSON, RawMetricParser.parse(payload), java.util.List.of(), 0);
            case COLLECTD -> CollectdJsonParser.parse(RawMetricParser.readTree(payload), ctx);
            case JSON -> json(payload, ctx);
            case SNIFF -> looksLikeJson(payload) || payload == null || payload.length == 0
                    ? json(payload, ctx) : InfluxLineParser.parse(payload, ctx);
        };
    }

    private static Decoded json(byte[] payload, DecodeContext ctx) {
        // Clean Surety JSON has only Surety's fields, so it can never look like collectd's.
        List<Sample> clean = RawMetricParser.parseClean(payload);
        if (clean != null) {
            return new Decoded(PayloadFormat.SURETY_JSON, clean, List.of(), 0);
        }
        JsonNode root = RawMetricParser.readTree(payload);
        if (CollectdJsonParser.looksLikeCollectd(root)) {
            return CollectdJsonParser.parse(root, ctx);
        }
        return new Decoded(PayloadFormat.SURETY_JSON, RawMetricParser.parse(root), java.util.List.of(), 0);
    }

    private enum Hint { SURETY, COLLECTD, INFLUX, REMOTE_WRITE, JSON, SNIFF }

    private static Hint hint(String ceType, String contentType) {
        if (ceType != null) {
            PayloadFormat f = PayloadFormat.ofCeType(ceType);
            if (f == null) {
                throw new RejectedException(RejectionCategory.UNSUPPORTED_TYPE, CloudEvents.H_TYPE + ": '" + ceType
                        + "' is not " + PayloadFormat.SURETY_JSON.ceType());
            }
            return switch (f) {
                case SURETY_JSON -> Hint.SURETY;
                case COLLECTD_JSON -> Hint.COLLECTD;
                case INFLUX_LINE -> Hint.INFLUX;
                case PROMETHEUS_REMOTE_WRITE -> Hint.REMOTE_WRITE;
            };
        }
        if (contentType == null || contentType.isBlank()) {
            return Hint.SNIFF;
        }
        String media = mediaType(contentType);
        return switch (media) {
            case "application/json", "application/cloudevents-batch+json" -> Hint.JSON;
            case "text/plain", "application/x-influxdb-line-protocol", "text/x-influxdb-line-protocol" -> Hint.INFLUX;
            case "application/x-protobuf", "application/vnd.google.protobuf" -> Hint.REMOTE_WRITE;
            default -> throw new RejectedException(RejectionCategory.UNSUPPORTED_TYPE, CloudEvents.H_CONTENT_TYPE
                    + ": '" + contentType + "' is not application/json, text/plain or application/x-protobuf");
        };
    }

    /** The media type of a Content-Type value, without parameters, lower case. */
    public static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean looksLikeJson(byte[] payload) {
        if (payload == null) {
            return false;
        }
        for (byte b : payload) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return true; // blank: let the JSON reader call it empty
    }
}
