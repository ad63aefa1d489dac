package dev.surety.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes in {@code ce_*} headers,
 * the JSON data as the record value.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE_JSON = "application/json";
    public static final String H_SPECVERSION = "ce_specversion";
    public static final String H_ID = "ce_id";
    public static final String H_SOURCE = "ce_source";
    public static final String H_TYPE = "ce_type";
    public static final String H_TIME = "ce_time";
    public static final String H_SUBJECT = "ce_subject";
    public static final String H_CONTENT_TYPE = "content-type";

    private CloudEvents() {
    }

    /**
     * The header values of one event.
     *
     * @param source  URI-reference of the producing service, e.g. {@code /surety/agreement-service}
     * @param subject what the event is about inside the source (may be null)
     */
    public static Map<String, String> attributes(EventType type, String id, String source, Instant time,
                                                 String subject) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(H_SPECVERSION, SPEC_VERSION);
        h.put(H_ID, id);
        h.put(H_SOURCE, source);
        h.put(H_TYPE, type.ceType());
        h.put(H_TIME, time.toString());
        if (subject != null) {
            h.put(H_SUBJECT, subject);
        }
        h.put(H_CONTENT_TYPE, CONTENT_TYPE_JSON);
        return h;
    }

    /** Adds the attributes of one event to Kafka record headers, replacing earlier values. */
    public static void write(Headers headers, EventType type, String id, String source, Instant time,
                             String subject) {
        attributes(type, id, source, time, subject).forEach((k, v) -> {
            headers.remove(k);
            headers.add(k, v.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The last value of a header as text, or null. */
    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The event type named by the {@code ce_type} header, if it is one of Surety's. */
    public static EventType type(Headers headers) {
        String t = header(headers, H_TYPE);
        return t == null ? null : EventType.ofCeType(t).orElse(null);
    }
}
