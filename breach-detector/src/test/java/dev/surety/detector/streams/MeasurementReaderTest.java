package dev.surety.detector.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.surety.events.EventCodec;
import dev.surety.events.Measurement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming reader gives exactly what the codec gives, for the plain shape and for anything else. */
class MeasurementReaderTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00.123456789Z");

    private static void same(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(EventCodec.decode(b, Measurement.class), MeasurementReader.read(b), json);
    }

    @Test
    void readsWhatTheCodecReads() {
        for (Measurement m : List.of(
                new Measurement("m-1", "raw-1", "agr-1", 3, "availability", "acme", T, 999, 1000),
                new Measurement("m-2", "raw-2", "agr/with/slashes", 1, "latency", "acme", T, 1, 1, 123.456),
                new Measurement("m-3", null, "agr-1", 1, "o", null, T, 0, 0, 0.0),
                new Measurement("m-4", "r", "agr-1", 1, "o", "t", T, Long.MAX_VALUE - 1, Long.MAX_VALUE, -1e-300))) {
            byte[] b = EventCodec.encode(m);
            assertEquals(m, MeasurementReader.read(b));
            assertEquals(EventCodec.decode(b, Measurement.class), MeasurementReader.read(b));
        }
        same("{\"total\":10,\"good\":9,\"timestamp\":\"2026-01-01T00:00:00Z\",\"objectiveId\":\"o\","
                + "\"agreementId\":\"a\",\"extra\":{\"nested\":[1,2,{\"x\":null}]},\"id\":\"i\",\"value\":7}");
        same("{\"id\":\"i\",\"id\":\"j\",\"good\":1,\"total\":2,\"timestamp\":\"2026-01-01T00:00:00Z\"}");
        same("{}");
        same("{\"id\":null,\"value\":null,\"timestamp\":null}");
    }

    @Test
    void leavesEverythingElseToTheCodec() {
        same("{\"id\":\"i\",\"timestamp\":\"2026-01-01T01:00:00+01:00\",\"good\":1,\"total\":1}");
        same("{\"id\":\"i\",\"timestamp\":1767225600.5,\"good\":1,\"total\":1}");
        same("{\"id\":\"i\",\"timestamp\":\"1767225600\",\"good\":1,\"total\":1}");
        same("{\"id\":7,\"good\":\"3\",\"total\":4.0,\"agreementVersion\":\"2\",\"timestamp\":\"2026-01-01T00:00:00Z\"}");
        same("{\"id\":\"i\",\"good\":null,\"total\":1,\"value\":\"NaN\",\"timestamp\":\"2026-01-01T00:00:00Z\"}");
        same("{\"id\":\"i\",\"good\":1,\"total\":2} trailing");
        for (String bad : List.of("{\"id\":\"i\",", "[1,2]", "{\"good\":99999999999999999999999}",
                "{\"agreementVersion\":3000000000}", "{\"timestamp\":\"yesterday Z\"}")) {
            byte[] b = bad.getBytes(StandardCharsets.UTF_8);
            IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
                    () -> EventCodec.decode(b, Measurement.class), bad);
            IllegalArgumentException actual = assertThrows(IllegalArgumentException.class,
                    () -> MeasurementReader.read(b), bad);
            assertEquals(expected.getMessage(), actual.getMessage());
        }
    }

    @Test
    void readsEveryTimestampAsTheCodecDoes() {
        // The plain UTC shape (read by Timestamps, tested in sla-events) and every shape it leaves to Instant.parse,
        // which accepts some of these and rejects the rest: the reader agrees with the codec on each.
        Random random = new Random(42);
        List<String> texts = new ArrayList<>(List.of("2024-02-29T23:59:59Z", "2026-01-01T00:00:00.1Z",
                "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-12-31T23:59:60Z",
                "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z", "2026-01-01T24:00:00Z",
                "2026-13-01T00:00:00Z", "2026-01-01T00:00Z", "+2026-01-01T00:00:00Z", "2026-01-01t00:00:00Z",
                "2026-01-01T00:00:00,5Z", "2026-1-01T00:00:00Z", "20260-01-01T00:00:00Z", "2026-01-01T00:00:0xZ",
                "2026-01-01T00:00:00+01:00"));
        for (int i = 0; i < 200; i++) {
            texts.add(Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L),
                    random.nextInt(1_000_000_000)).toString());
        }
        for (String text : texts) {
            byte[] b = ("{\"id\":\"i\",\"timestamp\":\"" + text + "\",\"good\":1,\"total\":1}")
                    .getBytes(StandardCharsets.UTF_8);
            Object expected;
            Object actual;
            try {
                expected = EventCodec.decode(b, Measurement.class);
            } catch (IllegalArgumentException e) {
                expected = e.getMessage();
            }
            try {
                actual = MeasurementReader.read(b);
            } catch (IllegalArgumentException e) {
                actual = e.getMessage();
            }
            assertEquals(expected, actual, text);
        }
    }
}
