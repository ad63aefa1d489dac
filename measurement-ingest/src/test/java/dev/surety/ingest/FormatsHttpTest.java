package dev.surety.ingest;

import static dev.surety.ingest.IngestFixtures.run;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.CloudEvents;
import dev.surety.events.Comparison;
import dev.surety.events.Measurement;
import dev.surety.ingest.format.PayloadFormat;
import dev.surety.ingest.format.RemoteWriteFixture;
import dev.surety.ingest.messaging.IngestTopology;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import java.util.stream.Stream;

/**
 * Every format over HTTP against the real broker: InfluxDB-compatible writes (Telegraf), collectd's write_http JSON,
 * Prometheus remote write; then the HTTP half of the hostile-input corpus. Shares the Quarkus boot of
 * MeasurementIngestTest.
 */
@QuarkusTest
class FormatsHttpTest {

    @Inject
    KafkaStreams streams;

    @Test
    void lineProtocolOnV1MetricsWithPrecisionIsPublishedAndRouted() {
        String service = "lp-" + run();
        String agreementId = publishAgreement(service, "latency_ms");
        long t = Instant.now().minusSeconds(30).getEpochSecond();
        String body = "http," + "service=" + service + ",host=web-1 latency_ms=120i " + t + "\n"
                + "http,service=" + service + ",host=web-1 latency_ms=480.5 " + (t + 1) + "\n";
        given().auth().oauth2(token()).contentType("text/plain; charset=utf-8").body(body)
                .when().post("/v1/metrics?precision=s")
                .then().statusCode(202).body("accepted", equalTo(2));

        List<ConsumerRecord<String, byte[]>> raw = new ArrayList<>();
        List<Measurement> m = awaitMeasurements(agreementId, 2, r -> ("acme/" + service).equals(r.key()), raw);
        assertEquals(List.of(1L, 0L), m.stream().map(Measurement::good).toList());
        assertEquals(Instant.ofEpochSecond(t), m.get(0).timestamp());
        ConsumerRecord<String, byte[]> r = raw.get(0);
        assertEquals(PayloadFormat.INFLUX_LINE.ceType(), CloudEvents.header(r.headers(), CloudEvents.H_TYPE));
        assertEquals("s", CloudEvents.header(r.headers(), IngestTopology.H_PRECISION));
        assertEquals(body, new String(r.value(), StandardCharsets.UTF_8), "the body, unchanged");
    }

    @Test
    void telegrafInfluxV2WriteWithTokenSchemeAndGzipIs204() throws Exception {
        String service = "tg-" + run();
        String agreementId = publishAgreement(service, "latency_ms");
        long ns = Instant.now().minusSeconds(20).toEpochMilli() * 1_000_000L;
        byte[] gz = gzip("http,service=" + service + " latency_ms=10 " + ns + "\n");
        given().header("Authorization", "Token " + token()).header("Content-Encoding", "gzip")
                .contentType("text/plain; charset=utf-8").body(gz)
                .when().post("/api/v2/write?org=acme&bucket=metrics&precision=ns")
                .then().statusCode(204);
        given().auth().oauth2(token()).contentType("text/plain").body("http,service=" + service + " latency_ms=20 "
                        + (ns + 1_000_000_000L))
                .when().post("/write?db=telegraf")
                .then().statusCode(204);
        List<Measurement> m = awaitMeasurements(agreementId, 2, r -> false, new ArrayList<>());
        assertEquals(List.of(10.0, 20.0), m.stream().map(Measurement::value).sorted().toList());
    }

    @Test
    void collectdWriteHttpDeriveBecomesARate() {
        String host = "cd-" + run();
        String agreementId = publishAgreement(host, null);
        double t = Instant.now().minusSeconds(40).getEpochSecond();
        for (int i = 0; i < 2; i++) {
            String body = "[{\"values\":[" + (1000 + i * 500) + "],\"dstypes\":[\"derive\"],\"dsnames\":[\"value\"],"
                    + "\"time\":" + (t + i * 10) + ",\"interval\":10.000,\"host\":\"" + host + "\",\"plugin\":\"nginx\","
                    + "\"plugin_instance\":\"\",\"type\":\"connections\",\"type_instance\":\"accepted\"}]";
            given().auth().oauth2(token()).contentType("application/json").body(body)
                    .when().post("/v1/metrics").then().statusCode(202);
        }
        List<Measurement> m = awaitMeasurements(agreementId, 1, r -> false, new ArrayList<>());
        assertEquals(50.0, m.get(0).value(), "(1500 - 1000) / 10 s");
    }

    @Test
    void prometheusRemoteWriteIs204AndRouted() {
        String job = "pr-" + run();
        String agreementId = publishAgreement(job, "probe_success");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__name__", "probe_success");
        labels.put("job", job);
        labels.put("instance", "blackbox:9115");
        long ms = Instant.now().minusSeconds(15).toEpochMilli();
        byte[] body = RemoteWriteFixture.body(List.of(new RemoteWriteFixture.Series(labels,
                List.of(new RemoteWriteFixture.Point(1, ms), new RemoteWriteFixture.Point(0, ms + 15_000)))));
        given().auth().oauth2(token()).contentType("application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0").body(body)
                .when().post("/api/v1/write")
                .then().statusCode(204);
        List<Measurement> m = awaitMeasurements(agreementId, 2, r -> false, new ArrayList<>());
        assertEquals(List.of(1L, 0L), m.stream().map(Measurement::good).toList(), "probe_success >= 1 is good");
    }

    @TestFactory
    Stream<DynamicTest> hostileHttpRequestsAreRefusedNamingTheItem() {
        List<HostileCorpus.Row> rows = HostileCorpus.rows("http-cases.tsv");
        Instant now = Instant.now();
        Map<String, String> placeholders = HostileCorpus.placeholders(now, now.minusSeconds(60));
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> {
            List<String> c = row.columns();
            RequestSpecification req = given().auth().oauth2(token()).contentType(c.get(1))
                    .body(HostileCorpus.payload(c.get(2), placeholders));
            if (c.get(0).equals("/api/v1/write")) {
                req = req.header("Content-Encoding", "snappy");
            }
            Response resp = req.when().post(c.get(0));
            assertEquals(Integer.parseInt(c.get(3)), resp.statusCode(), resp.asString());
            if (!c.get(4).equals("-")) {
                assertEquals("application/problem+json", resp.contentType());
                assertEquals(c.get(4), resp.jsonPath().getString("errors[0].field"), resp.asString());
            }
        }));
    }

    // ---- fixtures ------------------------------------------------------------------------------

    private static String token() {
        return SuretyTestInfra.tokens().mint("agent-9", "acme", "agent");
    }

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A THRESHOLD objective "obj" on the service's metric (metric null: the collectd test's rate metric). */
    private String publishAgreement(String service, String field) {
        String metric = field == null ? "nginx_connections_accepted" : field.equals("probe_success") ? field
                : "http_" + field;
        boolean probe = field != null && field.equals("probe_success");
        return IngestFixtures.publishThresholdAgreement(streams, service, metric, probe ? Comparison.GE : Comparison.LE,
                probe ? "1" : "300");
    }

    private List<Measurement> awaitMeasurements(String agreementId, int count,
                                                Predicate<ConsumerRecord<String, byte[]>> rawWanted,
                                                List<ConsumerRecord<String, byte[]>> raw) {
        List<Measurement> out = IngestFixtures.awaitMeasurements(agreementId, count, rawWanted, raw);
        assertTrue(out.size() == count, out.toString());
        return out;
    }
}
