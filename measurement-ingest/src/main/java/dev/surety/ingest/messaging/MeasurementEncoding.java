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
import java.time.Instant;
import java.time.LocalDate;
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
        byte[] plain = plainValue(m, time);
        return plain != null ? plain : generated(m, time);
    }

    /**
     * The common case written directly: every text printable ASCII without quote or backslash (which Jackson writes
     * as they are) and no value; null otherwise, and the generator writes it.
     */
    private static byte[] plainValue(Measurement m, String time) {
        if (m.value() != null || !plain(m.id()) || !plain(m.rawId()) || !plain(m.agreementId())
                || !plain(m.objectiveId()) || !plain(m.tenant()) || !plain(time)) {
            return null;
        }
        // Straight into the bytes: every text was just checked to be printable ASCII, one byte per char.
        Ascii b = new Ascii(FIXED_LENGTH + m.id().length() + m.rawId().length() + m.agreementId().length()
                + m.objectiveId().length() + m.tenant().length() + time.length() + Ascii.length(m.agreementVersion())
                + Ascii.length(m.good()) + Ascii.length(m.total()));
        b.text(ID).text(m.id())
                .text(RAW_ID).text(m.rawId())
                .text(AGREEMENT_ID).text(m.agreementId())
                .text(AGREEMENT_VERSION).number(m.agreementVersion())
                .text(OBJECTIVE_ID).text(m.objectiveId())
                .text(TENANT).text(m.tenant())
                .text(TIMESTAMP).text(time)
                .text(GOOD).number(m.good())
                .text(TOTAL).number(m.total())
                .text(VALUE_NULL);
        return b.bytes();
    }

    private static final String ID = "{\"id\":\"";
    private static final String RAW_ID = "\",\"rawId\":\"";
    private static final String AGREEMENT_ID = "\",\"agreementId\":\"";
    private static final String AGREEMENT_VERSION = "\",\"agreementVersion\":";
    private static final String OBJECTIVE_ID = ",\"objectiveId\":\"";
    private static final String TENANT = "\",\"tenant\":\"";
    private static final String TIMESTAMP = "\",\"timestamp\":\"";
    private static final String GOOD = "\",\"good\":";
    private static final String TOTAL = ",\"total\":";
    private static final String VALUE_NULL = ",\"value\":null}";
    private static final int FIXED_LENGTH = ID.length() + RAW_ID.length() + AGREEMENT_ID.length()
            + AGREEMENT_VERSION.length() + OBJECTIVE_ID.length() + TENANT.length() + TIMESTAMP.length() + GOOD.length()
            + TOTAL.length() + VALUE_NULL.length();

    /** A byte array filled with ASCII text and decimal numbers, sized up front, trimmed at the end. */
    private static final class Ascii {
        private final byte[] buf;
        private int len;

        Ascii(int capacity) {
            buf = new byte[capacity];
        }

        Ascii text(String s) {
            for (int i = 0, n = s.length(); i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
            return this;
        }

        /** How many characters {@code Long.toString(v)} has. */
        static int length(long v) {
            if (v == Long.MIN_VALUE) {
                return 20;
            }
            int n = v < 0 ? 2 : 1;
            for (long p = Math.abs(v); p >= 10; p /= 10) {
                n++;
            }
            return n;
        }

        /** As {@code Long.toString} writes it. */
        Ascii number(long v) {
            if (v == Long.MIN_VALUE) {
                return text(Long.toString(v));
            }
            if (v < 0) {
                buf[len++] = '-';
                v = -v;
            }
            int digits = length(v);
            for (int i = len + digits - 1; i >= len; i--) {
                buf[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            len += digits;
            return this;
        }

        byte[] bytes() {
            return len == buf.length ? buf : java.util.Arrays.copyOf(buf, len); // never, while the sizing is right
        }
    }

    private static boolean plain(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static byte[] generated(Measurement m, String time) {
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

    /**
     * {@link Instant#toString()}'s text (ISO-8601, fraction in groups of three digits as needed) without going through
     * a {@code DateTimeFormatter}, for 1970 to 9999; other instants are left to {@code toString}.
     */
    static String time(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < 0 || seconds > LAST_SECOND_OF_9999) {
            return t.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
        int secondOfDay = (int) (seconds % 86_400);
        int nanos = t.getNano();
        char[] c = new char[30];
        digits(c, 0, date.getYear(), 4);
        c[4] = '-';
        digits(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, secondOfDay / 3600, 2);
        c[13] = ':';
        digits(c, 14, secondOfDay / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, secondOfDay % 60, 2);
        int end = 19;
        if (nanos != 0) {
            c[end++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(c, end, nanos / 1_000_000, 3);
                end += 3;
            } else if (nanos % 1000 == 0) {
                digits(c, end, nanos / 1000, 6);
                end += 6;
            } else {
                digits(c, end, nanos, 9);
                end += 9;
            }
        }
        c[end++] = 'Z';
        return new String(c, 0, end);
    }

    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;

    /** {@code value} as exactly {@code width} decimal digits at {@code at}, zero-padded. */
    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
