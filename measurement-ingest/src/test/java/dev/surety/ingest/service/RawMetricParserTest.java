package dev.surety.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.ingest.HostileCorpus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming reading of clean Surety JSON yields what the tree reading yields, and leaves everything else to it. */
class RawMetricParserTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static List<Sample> tree(byte[] payload) {
        return RawMetricParser.parse(RawMetricParser.readTree(payload));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void cleanPayloadsAreReadExactlyAsTheTreeReadsThem() {
        List<String> clean = List.of(
                "{\"service\":\"checkout\",\"metric\":\"http_requests\",\"timestamp\":\"2026-03-10T11:58:00Z\","
                        + "\"good\":990,\"total\":1000}",
                "{\"total\":1000,\"good\":990,\"timestamp\":\"2026-03-10T11:58:00.5Z\",\"metric\":\"m\",\"service\":\"s\","
                        + "\"source\":\"agent-1\",\"id\":\"raw-1\",\"labels\":{\"pod\":\"a\",\"region\":\"eu\"}}",
                " [ {\"service\":\"s\",\"metric\":\"latency_ms\",\"timestamp\":\"2024-02-29T23:59:59.123456789Z\","
                        + "\"value\":120.5}, {\"service\":\"s\",\"metric\":\"m\",\"timestamp\":\"2026-03-10T11:58:00.120Z\","
                        + "\"value\":7,\"labels\":{}} ]\n",
                "[{\"id\":null,\"source\":null,\"service\":\"s\",\"metric\":\"m\",\"labels\":null,\"timestamp\":null,"
                        + "\"value\":null,\"good\":null,\"total\":null}]",
                "{\"service\":\"\",\"metric\":\"m\",\"timestamp\":\"1969-12-31T23:59:59Z\",\"good\":-1,\"total\":-5}",
                "{\"service\":\"s\",\"metric\":\"m\",\"timestamp\":\"2026-03-10T11:58:00Z\",\"value\":1e400}",
                "{\"service\":\"s\",\"metric\":\"m\",\"timestamp\":\"2026-03-10T11:58:00Z\",\"value\":0.1,"
                        + "\"good\":9223372036854775807,\"total\":-9223372036854775808}",
                "{\"service\":\"s\\u00e9\",\"metric\":\"m\\n\",\"labels\":{\"k\\\"\":\"v\\\\\"},"
                        + "\"timestamp\":\"0000-01-01T00:00:00.000000001Z\",\"value\":-0}");
        for (String payload : clean) {
            List<Sample> fast = RawMetricParser.parseClean(utf8(payload));
            assertNotNull(fast, payload);
            assertEquals(tree(utf8(payload)), fast, payload);
        }
    }

    @Test
    void everythingButCleanSamplesIsLeftToTheTreeReading() {
        String t = "\"timestamp\":\"2026-03-10T11:58:00Z\"";
        List<String> notClean = List.of(
                "", "   ", "null", "42", "\"text\"", "[]", "[1]", "[{\"service\":\"s\"},2]", "{\"service\":\"s\"} {}",
                "{\"service\":\"s\"", "not json", "{\"service\":\"s\",\"service\":\"t\"}",
                "{\"service\":\"s\",\"labels\":{\"a\":\"1\",\"a\":\"2\"}}", "{\"service\":\"s\",\"extra\":1}",
                "[{\"values\":[1],\"dstypes\":[\"gauge\"],\"host\":\"h\"}]", "{\"service\":7}",
                "{\"labels\":{\"a\":1}}", "{\"labels\":{\"a\":null}}", "{\"labels\":[]}", "{\"good\":5.0}",
                "{\"good\":\"5\"}", "{\"total\":99999999999999999999}", "{\"value\":\"NaN\"}", "{\"value\":true}",
                "{\"value\":99999999999999999999}", "{\"timestamp\":1700000000}", "{\"timestamp\":\"1700000000\"}",
                "{\"timestamp\":\"2026-03-10T11:58:00+01:00\"}", "{\"timestamp\":\"2026-03-10t11:58:00z\"}",
                "{\"timestamp\":\"2026-03-10T24:00:00Z\"}", "{\"timestamp\":\"2026-03-10T23:59:60Z\"}",
                "{\"timestamp\":\"2026-02-30T00:00:00Z\"}", "{\"timestamp\":\"2026-03-10T11:58:00.Z\"}",
                "{\"timestamp\":\"2026-03-10T11:58:00.1234567891Z\"}", "{\"timestamp\":\" 2026-03-10T11:58:00Z\"}",
                "{\"timestamp\":\"+2026-03-10T11:58:00Z\"}", "{\"timestamp\":\"2026-3-10T11:58:00Z\"}",
                "{" + t + ",\"timestamp\":\"2026-03-10T11:59:00Z\"}");
        for (String payload : notClean) {
            assertNull(RawMetricParser.parseClean(utf8(payload)), payload);
        }
    }

    @Test
    void theHostileCorpusIsReadEitherNotAtAllOrExactlyAsTheTreeReadsIt() {
        Map<String, String> placeholders = HostileCorpus.placeholders(NOW, Instant.parse("2026-03-10T11:58:00Z"));
        for (String corpus : List.of("kafka-cases.tsv", "http-cases.tsv")) {
            for (HostileCorpus.Row row : HostileCorpus.rows(corpus)) {
                byte[] payload = HostileCorpus.payload(row.columns().get(0), placeholders);
                List<Sample> fast = RawMetricParser.parseClean(payload);
                if (fast != null) {
                    assertEquals(tree(payload), fast, row.name());
                }
            }
        }
    }
}
