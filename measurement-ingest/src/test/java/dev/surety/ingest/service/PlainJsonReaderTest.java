package dev.surety.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.events.RawMetric;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written reading of plain Surety JSON yields what the tree reading yields, and leaves everything else. */
class PlainJsonReaderTest {

    private static final String T = "\"timestamp\":\"2026-03-10T11:58:00Z\"";

    private static List<Sample> tree(byte[] payload) {
        return RawMetricParser.parse(RawMetricParser.readTree(payload));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Sample> plain(String payload) {
        List<Sample> read = PlainJsonReader.read(utf8(payload));
        assertNotNull(read, payload);
        assertEquals(tree(utf8(payload)), read, payload);
        return read;
    }

    @Test
    void readsEveryFieldOfTheSampleAgentsSend() {
        RawMetric m = plain("{\"id\":\"raw-1\",\"source\":\"agent-eu-1\",\"service\":\"bench-api\","
                + "\"metric\":\"http_requests\",\"labels\":{\"pod\":\"pod-03\",\"region\":\"eu\"},"
                + "\"timestamp\":\"2026-11-27T09:33:00Z\",\"good\":993,\"total\":1000}").get(0).metric();
        assertEquals(new RawMetric("raw-1", "agent-eu-1", "bench-api", "http_requests",
                Map.of("pod", "pod-03", "region", "eu"), Instant.parse("2026-11-27T09:33:00Z"), null, 993L, 1000L), m);

        RawMetric gauge = plain("{\"value\":120.5,\"metric\":\"latency_ms\",\"service\":\"s\","
                + "\"timestamp\":\"2024-02-29T23:59:59.123456789Z\"}").get(0).metric();
        assertEquals(120.5, gauge.value());
        assertEquals(Instant.parse("2024-02-29T23:59:59.123456789Z"), gauge.timestamp());
        assertEquals(Map.of(), gauge.labels());
    }

    @Test
    void readsABatchWithItsPathsAndWhitespace() {
        List<Sample> batch = plain(" [ {\"service\":\"a\",\"metric\":\"m\"," + T + ",\"good\":1,\"total\":2} ,\n"
                + "\t{ \"service\" : \"b\" , \"metric\" : \"m\" , " + T + " , \"value\" : 7 } ]\r\n");
        assertEquals(2, batch.size());
        assertEquals("samples[1]", batch.get(1).path());
        assertEquals(1, batch.get(1).index());
        assertEquals("b", batch.get(1).metric().service());
        assertEquals(7.0, batch.get(1).metric().value());
    }

    @Test
    void readsEscapesNullsNumbersAndLabelsAsTheTreeDoes() {
        List<String> payloads = List.of(
                "{\"service\":\"s\\u00e9\\\"\\\\\\/\\b\\f\\n\\r\\t\",\"metric\":\"m\\ud83d\\ude00\","
                        + "\"labels\":{\"k\\\"\":\"v\\\\\",\"\\u0041\":\"\"}," + T + ",\"value\":-0}",
                "[{\"id\":null,\"source\":null,\"service\":\"s\",\"metric\":\"m\",\"labels\":null,\"timestamp\":null,"
                        + "\"value\":null,\"good\":null,\"total\":null}]",
                "{}", "[{},{ }]",
                "{\"service\":\"\",\"metric\":\"m\",\"timestamp\":\"1969-12-31T23:59:59Z\",\"good\":-1,\"total\":-5}",
                "{\"service\":\"s\",\"metric\":\"m\"," + T + ",\"value\":1e400}",
                "{\"value\":0.1}", "{\"value\":-12.5e-3}", "{\"value\":1E+2}", "{\"value\":0}", "{\"value\":-0.0}",
                "{\"value\":123456789012345678}", "{\"good\":999999999999999999,\"total\":-999999999999999999}",
                "{\"value\":3.141592653589793238462643383279}",
                "{\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\",\"e\":\"5\",\"f\":\"6\"}}",
                "{\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}}", "{\"labels\":{\"a\":\"1\"}}",
                "{\"labels\":{}}", "{\"service\":\"tab\\u0009 and del \u007f\"}",
                "{\"timestamp\":\"0000-01-01T00:00:00.000000001Z\"}",
                "{\"timestamp\":\"9999-12-31T23:59:59.999999999Z\"}",
                "{\"timestamp\":\"2000-02-29T12:00:00.5Z\"}");
        for (String payload : payloads) {
            plain(payload);
        }
    }

    @Test
    void leavesEverythingElseToTheGeneralReading() {
        List<String> notPlain = List.of(
                "", "   ", "null", "42", "\"text\"", "[]", "[1]", "[{\"service\":\"s\"},2]", "{\"service\":\"s\"} {}",
                "{\"service\":\"s\"", "{\"service\":\"s\",}", "{,\"service\":\"s\"}", "[{\"service\":\"s\"},]",
                "[{\"service\":\"s\"}", "not json", "{\"service\":\"s\",\"service\":\"t\"}",
                "{\"service\":\"s\",\"labels\":{\"a\":\"1\",\"a\":\"2\"}}", "{\"service\":\"s\",\"extra\":1}",
                "{\"serv\\u0069ce\":\"s\"}", "{\"service\":\"caf\u00e9\"}", "{\"service\":\"a\u0001b\"}",
                "{\"service\":\"a\\xb\"}", "{\"service\":\"a\\u00zz\"}", "{\"service\":nul}", "{\"service\":nullx}",
                "[{\"values\":[1],\"dstypes\":[\"gauge\"],\"host\":\"h\"}]", "{\"service\":7}", "{\"service\":true}",
                "{\"labels\":{\"a\":1}}", "{\"labels\":{\"a\":null}}", "{\"labels\":[]}", "{\"labels\":\"a\"}",
                "{\"good\":5.0}", "{\"good\":5e0}", "{\"good\":\"5\"}", "{\"good\":01}", "{\"good\":-}",
                "{\"good\":+1}",
                "{\"value\":.5}", "{\"value\":1.}", "{\"value\":1e}", "{\"value\":\"NaN\"}", "{\"value\":true}",
                "{\"value\":1e999999999999}", "{\"total\":9223372036854775807}", "{\"total\":99999999999999999999}",
                "{\"timestamp\":1700000000}", "{\"timestamp\":\"1700000000\"}",
                "{\"timestamp\":\"2026-03-10T11:58:00+01:00\"}", "{\"timestamp\":\"2026-03-10t11:58:00z\"}",
                "{\"timestamp\":\"2026-03-10T24:00:00Z\"}", "{\"timestamp\":\"2026-03-10T23:59:60Z\"}",
                "{\"timestamp\":\"2026-02-30T00:00:00Z\"}", "{\"timestamp\":\"2100-02-29T00:00:00Z\"}",
                "{\"timestamp\":\"2026-03-10T11:58:00.Z\"}", "{\"timestamp\":\"2026-03-10T11:58:00.1234567891Z\"}",
                "{\"timestamp\":\" 2026-03-10T11:58:00Z\"}", "{\"timestamp\":\"+2026-03-10T11:58:00Z\"}",
                "{\"timestamp\":\"2026-3-10T11:58:00Z\"}", "{\"timestamp\":\"2026-03-10T11:58:00\\u005a\"}",
                "\uFEFF{\"service\":\"s\"}", "{" + T + "," + T + "}");
        for (String payload : notPlain) {
            assertNull(PlainJsonReader.read(utf8(payload)), payload);
        }
        assertNull(PlainJsonReader.read(null));
    }

    @Test
    void whatItLeavesIsStillReadOrRefusedAsBefore() {
        // A payload the plain reading leaves but the streaming parser reads: same samples either way.
        byte[] nonAscii = utf8("{\"service\":\"caf\u00e9\",\"metric\":\"m\"," + T + ",\"good\":1,\"total\":1}");
        assertNull(PlainJsonReader.read(nonAscii));
        assertEquals(tree(nonAscii), RawMetricParser.parseClean(nonAscii));
        assertEquals("caf\u00e9", RawMetricParser.parse(nonAscii).get(0).metric().service());
        // Malformed: the same refusal, worded by the general reading.
        RejectedException e = org.junit.jupiter.api.Assertions.assertThrows(RejectedException.class,
                () -> RawMetricParser.parse(utf8("{\"service\":\"s\",}")));
        assertEquals(RejectionCategory.UNPARSEABLE, e.rejection().category());
    }

    @Test
    void randomPlainSamplesAreReadAsTheTreeReadsThem() {
        Random random = new Random(4);
        for (int i = 0; i < 2_000; i++) {
            long seconds = Math.floorMod(random.nextLong(), 253_402_300_800L) - 62_167_219_200L; // years 0000-9999
            String time = Instant.ofEpochSecond(seconds, random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000))
                    .toString();
            String number = switch (i % 4) {
                case 0 -> "\"good\":" + random.nextInt(1000) + ",\"total\":"
                        + Math.abs(random.nextLong() % 1_000_000_000_000L);
                case 1 -> "\"value\":" + random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> "\"value\":" + (random.nextLong() % 1_000_000_000_000_000L);
                default -> "\"value\":" + random.nextInt(100) + "." + random.nextInt(1000) + "e"
                        + (random.nextInt(20) - 10);
            };
            plain("{\"service\":\"svc-" + i + "\",\"metric\":\"m\",\"timestamp\":\"" + time + "\"," + number
                    + ",\"labels\":{\"pod\":\"p" + random.nextInt(50) + "\"}}");
        }
    }
}
