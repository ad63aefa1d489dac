package dev.surety.ingest.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A measurement as its Kafka record: byte for byte the value {@link EventCodec#encode} writes and the headers
 * {@link CloudEvents#write} adds, built with a streaming generator and the timestamp formatted once. Every raw sample
 * becomes such a record, and the general paths (bean introspection, an attribute map, the timestamp formatted twice)
 * were a visible share of the cost per record.
 */
final class MeasurementEncoding {

    private static final JsonFactory FACTORY = EventCodec.mapper().getFactory();
    private static final byte[] SPEC_VERSION = utf8(CloudEvents.SPEC_VERSION);
    private static final byte[] SOURCE = utf8(IngestTopology.CE_SOURCE);
    private static final byte[] TYPE = utf8(EventType.MEASUREMENT.ceType());
    private static final byte[] CONTENT_TYPE = utf8(CloudEvents.CONTENT_TYPE_JSON);

    private MeasurementEncoding() {
    }

    /** The CloudEvents headers, in {@link CloudEvents#attributes}' order. */
    static Headers headers(Measurement m, String key, String time) {
        return new RecordHeaders(new Header[] {
            new RecordHeader(CloudEvents.H_SPECVERSION, SPEC_VERSION),
            new RecordHeader(CloudEvents.H_ID, utf8(m.id())),
            new RecordHeader(CloudEvents.H_SOURCE, SOURCE),
            new RecordHeader(CloudEvents.H_TYPE, TYPE),
            new RecordHeader(CloudEvents.H_TIME, utf8(time)),
            new RecordHeader(CloudEvents.H_SUBJECT, utf8(key)),
            new RecordHeader(CloudEvents.H_CONTENT_TYPE, CONTENT_TYPE)});
    }

    /** The JSON value, fields in the record's component order, nulls written as Jackson writes them. */
    static byte[] value(Measurement m, String time) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("id", m.id());
                g.writeStringField("rawId", m.rawId());
                g.writeStringField("agreementId", m.agreementId());
                g.writeNumberField("agreementVersion", m.agreementVersion());
                g.writeStringField("objectiveId", m.objectiveId());
                g.writeStringField("tenant", m.tenant());
                g.writeStringField("timestamp", time);
                g.writeNumberField("good", m.good());
                g.writeNumberField("total", m.total());
                if (m.value() == null) {
                    g.writeNullField("value");
                } else {
                    g.writeNumberField("value", m.value().doubleValue());
                }
                g.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
