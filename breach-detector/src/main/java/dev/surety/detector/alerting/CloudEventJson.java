package dev.surety.detector.alerting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The webhook body: the Kafka record's CloudEvent (binary mode: {@code ce_*} headers plus JSON
 * value) re-encoded in CloudEvents structured JSON mode ({@code application/cloudevents+json}),
 * with the event data as it was published.
 */
public final class CloudEventJson {

    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private CloudEventJson() {
    }

    public static byte[] structured(Headers headers, byte[] value) {
        ObjectNode event = EventCodec.mapper().createObjectNode();
        event.put("specversion", orDefault(CloudEvents.header(headers, CloudEvents.H_SPECVERSION), CloudEvents.SPEC_VERSION));
        event.put("id", CloudEvents.header(headers, CloudEvents.H_ID));
        event.put("source", CloudEvents.header(headers, CloudEvents.H_SOURCE));
        event.put("type", CloudEvents.header(headers, CloudEvents.H_TYPE));
        String subject = CloudEvents.header(headers, CloudEvents.H_SUBJECT);
        if (subject != null) {
            event.put("subject", subject);
        }
        event.put("time", CloudEvents.header(headers, CloudEvents.H_TIME));
        event.put("datacontenttype", CloudEvents.CONTENT_TYPE_JSON);
        // Verbatim, not re-encoded: a tree would normalize decimals (99.950000 -> 99.95).
        event.putRawValue("data", new RawValue(data(value)));
        try {
            return EventCodec.mapper().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a CloudEvent", e);
        }
    }

    private static String data(byte[] value) {
        try {
            EventCodec.mapper().readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("event data is not JSON", e);
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
