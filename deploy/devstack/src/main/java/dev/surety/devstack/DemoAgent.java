package dev.surety.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.RawMetric;
import dev.surety.events.Topic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo workload of the local stack: creates the demo agreement (customer {@code acme},
 * two-minute compliance periods) over REST, then acts as a monitoring agent publishing request
 * counts for {@code checkout-api} to Kafka every two seconds. From second 20 to 50 of every period
 * 15 % of requests fail, which opens a breach, resolves it, and leaves each period at about 96 %
 * attainment, below the 99 % tier: a credit per period.
 */
public final class DemoAgent {

    public static final String DEMO_SERVICE = "checkout-api";
    public static final String DEMO_METRIC = "http_requests";
    public static final String DEMO_TENANT = "acme";
    static final String DEMO_NAME = "Checkout API availability (demo)";
    static final long PERIOD_SECONDS = 120;

    private static final ObjectMapper JSON = EventCodec.mapper();

    private DemoAgent() {
    }

    /** The demo agreement as the agreement-service API takes it. */
    static String agreementJson(Instant effectiveFrom) {
        return """
                {"name": "%s",
                 "description": "Local-stack demo: 99.9 %% availability of checkout-api in two-minute periods",
                 "status": "ACTIVE", "customer": "%s", "provider": "Surety Demo Hosting", "service": "%s",
                 "timeZone": "Europe/Berlin", "effectiveFrom": "%s",
                 "objectives": [{"id": "availability", "name": "Request availability", "sliKind": "RATIO",
                   "selector": {"service": "%s", "metric": "%s"},
                   "target": 99.9, "period": "PT%dS", "window": "PT1M", "threshold": 99.0, "holdTime": "PT10S"}],
                 "compensation": {"monthlyFee": 500.00, "currency": "EUR",
                   "tiers": [{"belowPercent": 99.9, "creditPercent": 10},
                             {"belowPercent": 99.0, "creditPercent": 25},
                             {"belowPercent": 95.0, "creditPercent": 100}],
                   "capPercent": 100, "claimRequired": false}}
                """.formatted(DEMO_NAME, DEMO_TENANT, DEMO_SERVICE, effectiveFrom, DEMO_SERVICE, DEMO_METRIC,
                PERIOD_SECONDS);
    }

    /** Finds the demo agreement or creates it; returns its id and effective start. */
    static JsonNode ensureAgreement(String agreementUrl, String adminToken) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(
                        URI.create(agreementUrl + "/v1/agreements?customer=" + DEMO_TENANT + "&status=ACTIVE&size=100"))
                .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() == 200) {
            JsonNode body = JSON.readTree(list.body());
            JsonNode items = body.isArray() ? body : body.path("items");
            for (JsonNode a : items) {
                if (DEMO_NAME.equals(a.path("name").asText())) {
                    return a;
                }
            }
        }
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(agreementUrl + "/v1/agreements"))
                        .header("Authorization", "Bearer " + adminToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(agreementJson(start))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("creating the demo agreement failed: " + created.statusCode() + " " + created.body());
        }
        return JSON.readTree(created.body());
    }

    /** {@code DemoAgent <bootstrap> <agreement-service url> <surety home>} */
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String agreementUrl = args[1];
        Jwts jwts = Jwts.loadOrGenerate(Path.of(args[2]).resolve("keys"));
        JsonNode agreement = ensureAgreement(agreementUrl, jwts.mint("demo-setup", null, "provider-admin"));
        Instant effectiveFrom = Instant.parse(agreement.path("effectiveFrom").asText());
        System.out.println("demo agreement " + agreement.path("id").asText() + " effective from " + effectiveFrom);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        String topic = Topic.METRICS_RAW.topicName();

        // One malformed record up front, so the dead-letter path is visible in the demo too.
        producer.send(new ProducerRecord<>(topic, "demo-agent", "{\"service\": \"checkout-api\", \"good\": \"lots\""
                .getBytes(StandardCharsets.UTF_8)));

        ScheduledExecutorService tick = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch stop = new CountDownLatch(1);
        tick.scheduleAtFixedRate(() -> {
            Instant now = Instant.now();
            long offset = Math.floorMod(Duration.between(effectiveFrom, now).toSeconds(), PERIOD_SECONDS);
            boolean degraded = offset >= 20 && offset < 50;
            long total = 200;
            long good = degraded ? 170 : 200;
            RawMetric m = new RawMetric(UUID.randomUUID().toString(), "demo-agent", DEMO_SERVICE, DEMO_METRIC,
                    Map.of("region", "eu"), now, null, good, total);
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, null, now.toEpochMilli(),
                    "demo-agent/" + DEMO_SERVICE, EventCodec.encode(m));
            CloudEvents.write(r.headers(), EventType.RAW_METRIC, m.id(), "/agents/demo-agent", now, DEMO_SERVICE);
            producer.send(r, (md, e) -> {
                if (e != null) {
                    System.err.println("publish failed: " + e.getMessage());
                }
            });
        }, 0, 2, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tick.shutdownNow();
            producer.close(Duration.ofSeconds(5));
            stop.countDown();
        }));
        stop.await();
    }
}
