package dev.surety.ingest.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.RawMetric;
import dev.surety.ingest.service.RejectedException;
import dev.surety.ingest.service.RejectionCategory;
import dev.surety.ingest.service.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Line protocol as Telegraf writes it, and as the InfluxDB reference describes its escaping. */
class InfluxLineParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-10T12:00:00Z");

    private static List<RawMetric> parse(String text, String precision) {
        return InfluxLineParser.parse(text.getBytes(StandardCharsets.UTF_8),
                new DecodeContext(precision, "agent-7", RECEIVED, FormatSettings.defaults()))
                .samples().stream().map(Sample::metric).toList();
    }

    @Test
    void everyNumericFieldIsASampleNamedMeasurementUnderscoreField() {
        List<RawMetric> m = parse("cpu,service=checkout,host=web-1,cpu=cpu0 usage_idle=97.5,usage_user=1i,"
                + "up=true,note=\"ok, fine\" 1773143880000000000\n", null);
        assertEquals(3, m.size());
        RawMetric idle = m.get(0);
        assertEquals("cpu_usage_idle", idle.metric());
        assertEquals("checkout", idle.service());
        assertEquals("web-1", idle.source());
        assertEquals(Map.of("cpu", "cpu0"), idle.labels());
        assertEquals(97.5, idle.value());
        assertEquals(Instant.parse("2026-03-10T11:58:00Z"), idle.timestamp());
        assertEquals(1.0, m.get(1).value());
        assertEquals("cpu_up", m.get(2).metric());
        assertEquals(1.0, m.get(2).value(), "booleans are 1 and 0; strings are ignored");
    }

    @Test
    void goodAndTotalFieldsMakeOneCountedSampleNamedAfterTheMeasurement() {
        List<RawMetric> m = parse("http_requests,service=checkout,region=eu good=990i,total=1000i,latency=12.5 "
                + "1773143880000", "ms");
        assertEquals(2, m.size());
        assertEquals("http_requests", m.get(0).metric());
        assertEquals(990L, m.get(0).good());
        assertEquals(1000L, m.get(0).total());
        assertEquals("agent-7", m.get(0).source(), "no host tag: the agent");
        assertEquals("http_requests_latency", m.get(1).metric());
        assertEquals(Instant.parse("2026-03-10T11:58:00Z"), m.get(0).timestamp());
    }

    @Test
    void escapesInMeasurementTagsAndStringFields() {
        List<RawMetric> m = parse("disk\\ io\\,x,service=my\\ svc,path=C:\\\\data\\,1,k\\=ey=v\\=al "
                + "free=1u,msg=\"say \\\"hi\\\" \\\\ bye\" 1773143880", "s");
        RawMetric r = m.get(0);
        assertEquals("disk io,x_free", r.metric());
        assertEquals("my svc", r.service());
        assertEquals(Map.of("path", "C:\\data,1", "k=ey", "v=al"), r.labels());
        assertEquals(1, m.size());
    }

    @Test
    void precisionsAndMissingTimestamp() {
        assertEquals(Instant.parse("2026-03-10T11:58:00.123456Z"),
                parse("m,service=s v=1 1773143880123456", "us").get(0).timestamp());
        assertEquals(Instant.parse("2026-03-10T11:58:00.123456789Z"),
                parse("m,service=s v=1 1773143880123456789", "n").get(0).timestamp());
        assertEquals(RECEIVED, parse("m,service=s v=1", null).get(0).timestamp(), "no timestamp: when received");
        assertEquals("precision: must be one of ns, us, ms, s (or n, u), not 'h'",
                assertThrows(RejectedException.class, () -> parse("m,service=s v=1", "h")).getMessage());
    }

    @Test
    void unsignedAboveLongMaxAndCommentsAndBlankLinesAndCrlf() {
        List<RawMetric> m = parse("# comment\r\n\r\nm,service=s big=18446744073709551615u 1\r\n", null);
        assertEquals(1, m.size());
        assertEquals(1.8446744073709552E19, m.get(0).value());
    }

    @Test
    void everyBadLineIsNamedByItsLineNumber() {
        RejectedException e = assertThrows(RejectedException.class, () -> parse(
                "m,service=s v=1 1\nbroken\nm,service=s v=NaN\nm,service=s v=\"open\n", null));
        assertEquals(RejectionCategory.UNPARSEABLE, e.rejection().category());
        assertEquals("lines[2]: missing fields; lines[3]: field 'v': must be finite: NaN; "
                + "lines[4]: field 'v': unterminated string", e.getMessage());
    }

    @Test
    void missingServiceTagIsReportedOnTheSample() {
        Decoded d = InfluxLineParser.parse("cpu,host=a v=1 1".getBytes(StandardCharsets.UTF_8),
                new DecodeContext(null, null, RECEIVED, FormatSettings.defaults()));
        assertEquals(List.of("lines[1].service: is required: no 'service' tag and no surety.ingest.default-service"),
                d.samples().get(0).violations());
        FormatSettings withDefault = new FormatSettings("service", "host", "good", "total", "fallback",
                List.of("service", "job"), 1 << 20);
        assertTrue(InfluxLineParser.parse("cpu,host=a v=1 1".getBytes(StandardCharsets.UTF_8),
                new DecodeContext(null, null, RECEIVED, withDefault)).samples().get(0).violations().isEmpty());
    }
}
