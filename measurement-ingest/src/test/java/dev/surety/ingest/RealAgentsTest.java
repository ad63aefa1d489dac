package dev.surety.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.devstack.testing.SuretyTestInfra;
import dev.surety.events.Comparison;
import dev.surety.events.Measurement;
import dev.surety.events.Topic;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The agents Surety users already run, as Debian ships them, publishing into the service under test:
 * kcat (librdkafka) onto the raw topic, collectd's write_http and write_kafka plugins, and a
 * Prometheus server remote-writing its own scrape. Each test asserts the measurements that come out.
 * `./surety test` installs the packages (kcat, collectd-core, librdkafka1, prometheus).
 */
@QuarkusTest
class RealAgentsTest {

    @Inject
    KafkaStreams streams;

    @TestHTTPResource("/")
    URL base;

    @Test
    void kcatPublishesSuretyJsonAndLineProtocolOntoTheRawTopic() throws Exception {
        String service = "kcat-" + IngestFixtures.run();
        String agreementId = IngestFixtures.publishThresholdAgreement(streams, service, "http_latency_ms", Comparison.LE, "300");
        Instant t = Instant.now().minusSeconds(10);
        String json = "{\"id\": \"" + IngestFixtures.run() + "\", \"source\": \"kcat\", \"service\": \"" + service
                + "\", \"metric\": \"http_latency_ms\", \"timestamp\": \"" + t + "\", \"value\": 120}";
        String line = "http,service=" + service + ",host=kcat latency_ms=480 " + t.plusSeconds(1).toEpochMilli() * 1_000_000L;
        run("kcat", List.of("kcat", "-P", "-b", SuretyTestInfra.kafkaBootstrap(), "-t", Topic.METRICS_RAW.topicName(),
                "-k", "kcat/" + service), json + "\n" + line + "\n");

        List<Measurement> m = IngestFixtures.awaitMeasurements(agreementId, 2, r -> false, new ArrayList<>());
        assertEquals(List.of(120.0, 480.0), m.stream().map(Measurement::value).sorted().toList());
        assertEquals(1, m.stream().filter(x -> x.good() == 1).count(), "120 ms meets <= 300, 480 ms does not");
    }

    @Test
    void collectdWriteHttpPostsItsJsonWithTheAgentToken() throws Exception {
        String host = "cdhttp-" + IngestFixtures.run();
        String agreementId = IngestFixtures.publishThresholdAgreement(streams, host, "load_load_shortterm", Comparison.LE, "1000");
        String conf = collectdBase(host) + """
                LoadPlugin load
                LoadPlugin write_http
                <Plugin write_http>
                  <Node "surety">
                    URL "%sv1/metrics"
                    Format "JSON"
                    Header "Authorization: Bearer %s"
                    StoreRates false
                  </Node>
                </Plugin>
                """.formatted(base, agentToken());
        List<Measurement> m = withCollectd(host, conf,
                () -> IngestFixtures.awaitMeasurements(agreementId, 2, r -> false, new ArrayList<>()));
        assertTrue(m.stream().allMatch(x -> x.value() != null && x.value() >= 0 && x.good() == 1), m.toString());
    }

    @Test
    void collectdWriteKafkaDeriveCountersBecomeRates() throws Exception {
        String host = "cdkafka-" + IngestFixtures.run();
        String agreementId = IngestFixtures.publishThresholdAgreement(streams, host, "interface_lo_if_octets_rx",
                Comparison.GE, "0");
        String conf = collectdBase(host) + """
                LoadPlugin interface
                <Plugin interface>
                  Interface "lo"
                </Plugin>
                LoadPlugin write_kafka
                <Plugin write_kafka>
                  Property "metadata.broker.list" "%s"
                  <Topic "%s">
                    Format JSON
                    # Counters as counted; Surety computes the rates (write_kafka's default sends
                    # collectd's own rates, which the JSON still labels "derive").
                    StoreRates false
                    Key "%s"
                  </Topic>
                </Plugin>
                """.formatted(SuretyTestInfra.kafkaBootstrap(), Topic.METRICS_RAW.topicName(), host);
        // The first value of a counter only starts it; each later one gives a rate.
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> raw = new ArrayList<>();
        List<Measurement> m;
        try {
            m = withCollectd(host, conf, () -> IngestFixtures.awaitMeasurements(agreementId, 2, r -> host.equals(r.key()), raw));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("raw records keyed " + host + ": " + raw.size() + " " + raw.stream().limit(2)
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8) + " " + r.headers()).toList(), e);
        }
        assertTrue(m.stream().allMatch(x -> x.value() != null && x.value() >= 0), "rates are never negative: " + m);
    }

    @Test
    void prometheusRemoteWritesItsScrapeWithABearerToken() throws Exception {
        String job = "prom-" + IngestFixtures.run();
        String agreementId = IngestFixtures.publishThresholdAgreement(streams, job, "up", Comparison.GE, "1");
        Path dir = workDir(job);
        int port = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                remote_write:
                  - url: %sapi/v1/write
                    authorization:
                      type: Bearer
                      credentials: %s
                    queue_config:
                      batch_send_deadline: 1s
                      min_backoff: 100ms
                """.formatted(job, port, base, agentToken()));
        Process p = start("prometheus", List.of("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port), dir);
        try {
            List<Measurement> m = IngestFixtures.awaitMeasurements(agreementId, 2, r -> false, new ArrayList<>());
            assertTrue(m.stream().allMatch(x -> Double.valueOf(1.0).equals(x.value()) && x.good() == 1), m.toString());
        } finally {
            stop(p);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private interface Check<T> {
        T run() throws Exception;
    }

    private static String agentToken() {
        return SuretyTestInfra.tokens().mint("agent-real", "acme", "agent");
    }

    private static String collectdBase(String host) throws IOException {
        Path dir = workDir(host);
        return """
                Hostname "%s"
                FQDNLookup false
                Interval 1
                BaseDir "%s"
                PIDFile "%s"
                TypesDB "/usr/share/collectd/types.db"
                """.formatted(host, dir, dir.resolve("collectd.pid"));
    }

    private static <T> T withCollectd(String host, String conf, Check<T> check) throws Exception {
        Path dir = workDir(host);
        Files.writeString(dir.resolve("collectd.conf"), conf);
        String binary = Files.isExecutable(Path.of("/usr/sbin/collectd")) ? "/usr/sbin/collectd" : "collectd";
        Process p = start("collectd", List.of(binary, "-f", "-C", dir.resolve("collectd.conf").toString()), dir);
        try {
            return check.run();
        } finally {
            stop(p);
        }
    }

    private static Path workDir(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "real-agents", name)).toAbsolutePath();
    }

    private static Process start(String name, List<String> command, Path dir) throws IOException {
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(String name, List<String> command, String stdin) throws Exception {
        Path dir = workDir(name + "-" + IngestFixtures.run());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), name + " did not finish");
        assertEquals(0, p.exitValue(), name + " failed: " + Files.readString(dir.resolve(name + ".log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
