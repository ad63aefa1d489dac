package dev.surety.agreement;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.surety.devstack.testing.SuretyTestInfra;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import dev.surety.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import java.util.Map;
import java.util.UUID;

/** Requests and tokens shared by the tests. */
public final class Fixtures {

    public static final String AGREEMENTS = "/v1/agreements";

    /** Numbers as exact decimals, so tests can tell 1000.00 from 1000.0. */
    public static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final String VALID = """
            {
              "name": "Checkout API availability",
              "description": "Monthly availability of the checkout API",
              "customer": "%s",
              "provider": "surety-cloud",
              "service": "checkout-api",
              "timeZone": "Europe/Berlin",
              "objectives": [
                {
                  "id": "availability",
                  "name": "Successful requests",
                  "sliKind": "RATIO",
                  "selector": {"source": "edge-proxy", "service": "checkout-api", "metric": "http_requests",
                               "labels": {"env": "prod"}},
                  "target": 99.9,
                  "period": "CALENDAR_MONTH",
                  "window": "PT5M",
                  "threshold": 99,
                  "holdTime": "PT2M"
                },
                {
                  "name": "Fast requests",
                  "sliKind": "RATIO",
                  "selector": {"service": "checkout-api", "metric": "http_requests_fast"},
                  "target": 99.5,
                  "period": "P30D",
                  "window": "PT10M",
                  "threshold": 98.5
                }
              ],
              "compensation": {
                "monthlyFee": 1000,
                "currency": "EUR",
                "tiers": [
                  {"belowPercent": 99.0, "creditPercent": 25},
                  {"belowPercent": 99.9, "creditPercent": 10}
                ]
              }
            }
            """;

    private Fixtures() {
    }

    /** A fresh tenant id, so tests sharing the database do not see each other's agreements. */
    public static String tenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid create request for {@code customer}, as mutable maps and lists. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> validRequest(String customer) {
        try {
            return JSON.readValue(VALID.formatted(customer), Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> objective(Map<String, Object> request, int index) {
        return ((List<Map<String, Object>>) request.get("objectives")).get(index);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> compensation(Map<String, Object> request) {
        return (Map<String, Object>) request.get("compensation");
    }

    public static String token(String subject, String tenant, String... roles) {
        return SuretyTestInfra.tokens().mint(subject, tenant, roles);
    }

    public static RequestSpecification as(String subject, String tenant, String... roles) {
        return given().config(DECIMALS).auth().oauth2(token(subject, tenant, roles));
    }

    public static RequestSpecification admin() {
        return as("alice-admin", null, Roles.PROVIDER_ADMIN);
    }

    /** Creates an agreement for {@code customer} in {@code status} (DRAFT or ACTIVE) and returns its id. */
    public static String create(String customer, String status) {
        Map<String, Object> request = validRequest(customer);
        request.put("status", status);
        return admin().contentType("application/json").body(request)
                .post(AGREEMENTS)
                .then().statusCode(201).body("status", org.hamcrest.Matchers.equalTo(status))
                .extract().path("id");
    }

    /** Moves an agreement to {@code status}, expecting success, and returns the new version. */
    public static int transition(String id, int version, String status) {
        return admin().contentType("application/json").header("If-Match", "\"" + version + "\"")
                .body(Map.of("status", status))
                .post(AGREEMENTS + "/" + id + "/lifecycle")
                .then().statusCode(200).header("ETag", "\"" + (version + 1) + "\"")
                .body("status", org.hamcrest.Matchers.equalTo(status))
                .extract().path("version");
    }

    /**
     * Reads the agreements topic from the beginning and collects the records keyed {@code key}
     * until {@code done} accepts them.
     */
    public static List<ConsumerRecord<String, byte[]>> awaitRecords(String key,
                                                                    Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SuretyTestInfra.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "agreement-service-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topic.AGREEMENTS.topicName()));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        records.add(r);
                    }
                });
                return done.test(records);
            });
        }
        return records;
    }

    /** Creates an agreement for {@code customer} and returns its id. */
    public static String create(String customer) {
        return admin().contentType("application/json").body(validRequest(customer))
                .post(AGREEMENTS)
                .then().statusCode(201)
                .extract().path("id");
    }
}
