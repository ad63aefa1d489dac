package dev.surety.detector.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.surety.events.EventCodec;
import dev.surety.events.Measurement;
import dev.surety.events.Timestamps;
import java.io.IOException;
import java.time.Instant;
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
                        timestamp = Timestamps.utcInstant(text);
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
}
