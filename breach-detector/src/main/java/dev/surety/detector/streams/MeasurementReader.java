package dev.surety.detector.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.surety.events.EventCodec;
import dev.surety.events.Measurement;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Reads a Measurement's JSON with a streaming parser instead of data binding: binding through
 * {@link EventCodec#decode} was about a third of the detector's work per measurement. Only the
 * plain shape is read here — string ids, integer counts, a UTC ISO timestamp ending in {@code Z},
 * a number or null value, unknown fields skipped (as the codec ignores them); anything else (other
 * token types, another timestamp form, malformed JSON) is handed to {@code EventCodec.decode}, so
 * the result, and the error for an unreadable record, are the codec's.
 */
final class MeasurementReader {

    private static final JsonFactory JSON = EventCodec.mapper().getFactory();

    private MeasurementReader() {
    }

    /** The measurement, as {@code EventCodec.decode(data, Measurement.class)} would return it. */
    static Measurement read(byte[] data) {
        Measurement m = null;
        try {
            m = fast(data);
        } catch (IOException | RuntimeException e) {
            // Left to the codec, which decides and words the error.
        }
        return m != null ? m : EventCodec.decode(data, Measurement.class);
    }

    /** The measurement, or null when its JSON is not of the plain shape. */
    private static Measurement fast(byte[] data) throws IOException {
        try (JsonParser p = JSON.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            String rawId = null;
            String agreementId = null;
            int agreementVersion = 0;
            String objectiveId = null;
            String tenant = null;
            Instant timestamp = null;
            long good = 0;
            long total = 0;
            Double value = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id", "rawId", "agreementId", "objectiveId", "tenant" -> {
                        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        String text = v == JsonToken.VALUE_NULL ? null : p.getText();
                        switch (name) {
                            case "id" -> id = text;
                            case "rawId" -> rawId = text;
                            case "agreementId" -> agreementId = text;
                            case "objectiveId" -> objectiveId = text;
                            default -> tenant = text;
                        }
                    }
                    case "agreementVersion" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                            return null;
                        }
                        agreementVersion = p.getIntValue();
                    }
                    case "good", "total" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            return null;
                        }
                        if (name.equals("good")) {
                            good = p.getLongValue();
                        } else {
                            total = p.getLongValue();
                        }
                    }
                    case "timestamp" -> {
                        if (v == JsonToken.VALUE_NULL) {
                            timestamp = null;
                            continue;
                        }
                        if (v != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        String text = p.getText();
                        if (text.isEmpty() || text.charAt(text.length() - 1) != 'Z'
                                || !Character.isDigit(text.charAt(0))) {
                            return null;
                        }
                        timestamp = utcInstant(text);
                        if (timestamp == null) {
                            try {
                                timestamp = Instant.parse(text);
                            } catch (DateTimeParseException e) {
                                return null;
                            }
                        }
                    }
                    case "value" -> {
                        if (v == JsonToken.VALUE_NULL) {
                            value = null;
                        } else if (v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT) {
                            value = p.getDoubleValue();
                        } else {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return null;
            }
            return new Measurement(id, rawId, agreementId, agreementVersion, objectiveId, tenant, timestamp, good,
                    total, value);
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} read digit by digit, or null for any other text (another
     * shape, a field out of range, a leap second), which {@link Instant#parse} then decides: its
     * formatter cost more than half of reading a measurement, for the one shape ingest writes.
     */
    static Instant utcInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            // A fraction: '.' and 1 to 9 digits, scaled to nanoseconds.
            if (s.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = digits(s, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        if (day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code s[from, to)}, or -1 unless every char there is an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
