package dev.surety.ingest.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The measurement record is exactly what the shared codec and CloudEvents helper would have written. */
class MeasurementEncodingTest {

    @Test
    void valueAndHeadersAreByteForByteWhatTheSharedCodecWrites() {
        List<Measurement> measurements = List.of(
                new Measurement("6f1c9a5e-0000-3000-8000-000000000001", "raw-1", "agr-1", 3, "avail", "acme",
                        Instant.parse("2026-03-10T11:58:00Z"), 998, 1000),
                new Measurement("id", "sla.metrics.raw/2@17#4", "agr/ß \"q\"", 0, "lat\\ency", null,
                        Instant.parse("2026-03-10T11:58:00.120Z"), 0, 1, 120.5),
                new Measurement("id", "r", "a", Integer.MAX_VALUE, "o", "t\u0001\u2028",
                        Instant.parse("1970-01-01T00:00:00.000000001Z"), Long.MAX_VALUE, Long.MAX_VALUE, 1e-300),
                new Measurement("id", "r", "a", 1, "o", "t", Instant.parse("2026-03-10T11:58:00.123456Z"), 1, 1,
                        -0.0),
                new Measurement("id", "r", "a", 1, "o", "t", Instant.parse("2026-03-10T11:58:00Z"), 1, 1,
                        1234567890123.25),
                new Measurement("b6f0c1de-62a4-3b55-9f1e-0d3c2b1a0f9e", "sla.metrics.raw/5@1234567#499", "agr-x",
                        12, "availability", "acme", Instant.parse("2026-11-27T04:00:00Z"), 990, 1000),
                new Measurement("id", "raw ~ with spaces {}[]:,", "a", -1, "o", "t",
                        Instant.parse("2026-11-27T04:00:00.000001Z"), -5, 0),
                new Measurement("id", "r\u007f", "a", 1, "o", "t", Instant.parse("2026-11-27T04:00:00Z"), 1, 1),
                // number lengths at their edges, written straight into the bytes
                new Measurement("id", "r", "a", 10, "o", "t", Instant.parse("2026-11-27T04:00:00Z"), Long.MIN_VALUE, 0),
                new Measurement("id", "r", "a", Integer.MIN_VALUE, "o", "", Instant.parse("2026-11-27T04:00:00Z"),
                        -10, 100),
                new Measurement("id", "r", "a", 9, "o", "t", Instant.parse("2026-11-27T04:00:00Z"), 99, 999_999_999_999L));
        for (Measurement m : measurements) {
            String key = Measurement.key(m.agreementId(), m.objectiveId());
            String time = MeasurementEncoding.time(m.timestamp());
            assertArrayEquals(EventCodec.encode(m), MeasurementEncoding.value(m, time), m.toString());
            assertEquals(m, EventCodec.decode(MeasurementEncoding.value(m, time), Measurement.class));

            Headers expected = new RecordHeaders();
            CloudEvents.write(expected, EventType.MEASUREMENT, m.id(), IngestTopology.CE_SOURCE, m.timestamp(), key);
            assertEquals(describe(expected), describe(MeasurementEncoding.headers(m, key, time)));
        }
    }

    @Test
    void timestampsAreWrittenAsInstantToStringWritesThem() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.ofEpochSecond(0, 1), Instant.ofEpochSecond(0, 1000),
                Instant.ofEpochSecond(0, 1_000_000), Instant.ofEpochSecond(0, 999_999_999),
                Instant.parse("2024-02-29T23:59:59.120Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.parse("0001-01-01T00:00:00Z"));
        for (Instant t : edges) {
            assertEquals(t.toString(), MeasurementEncoding.time(t));
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 50_000; i++) {
            long seconds = Math.floorMod(random.nextLong(), 253_402_300_800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(t.toString(), MeasurementEncoding.time(t));
        }
    }

    private static List<String> describe(Headers headers) {
        return Arrays.stream(headers.toArray()).map(MeasurementEncodingTest::describe).toList();
    }

    private static String describe(Header h) {
        return h.key() + "=" + Arrays.toString(h.value());
    }
}
