package dev.surety.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.ingest.format.RemoteWriteFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.surety.devstack.testing.SuretyTestInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A valid request whose write the broker never acknowledges is answered 503 with Retry-After, never
 * 2xx. The HTTP producer points at a port where no broker listens; the topology keeps the real one.
 */
@QuarkusTest
@TestProfile(UnacknowledgedWriteTest.UnreachableBroker.class)
class UnacknowledgedWriteTest {

    public static class UnreachableBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("surety.ingest.http.bootstrap-servers", "localhost:1",
                    "surety.ingest.http.ack-timeout", "PT6S",
                    "surety.ingest.http.max-in-flight-requests", "1",
                    "surety.ingest.http.retry-after-seconds", "7");
        }
    }

    @Test
    void unacknowledgedWriteIs503WithRetryAfter() {
        String body = "{\"id\":\"u-1\",\"service\":\"svc\",\"metric\":\"http_requests\",\"timestamp\":\""
                + Instant.now().minusSeconds(5) + "\",\"good\":1,\"total\":1}";
        given().auth().oauth2(SuretyTestInfra.tokens().mint("agent-1", "acme", "agent"))
                .contentType("application/json").body(body)
                .when().post("/v1/metrics")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "7").body("status", equalTo(503));
    }

    @Test
    void spentInFlightBudgetIs429AndForRemoteWrite503BothWithRetryAfter() throws Exception {
        String token = SuretyTestInfra.tokens().mint("agent-1", "acme", "agent");
        String body = "m,service=svc v=1";
        // One request waits for an acknowledgement that never comes, holding the only slot of the budget.
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> given().auth().oauth2(token)
                .contentType("text/plain").body(body).when().post("/v1/metrics").statusCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> given().when().get("/q/metrics").asString()
                .contains("surety_metrics_http_inflight 1.0"));

        given().auth().oauth2(token).contentType("text/plain").body(body)
                .when().post("/api/v2/write")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", "7");
        // Prometheus retries 5xx but not (by default) 429: remote write is told 503.
        given().auth().oauth2(token).contentType("application/x-protobuf").header("Content-Encoding", "snappy")
                .body(RemoteWriteFixture.body(List.of(new RemoteWriteFixture.Series(
                        Map.of("__name__", "up", "job", "svc"), List.of(new RemoteWriteFixture.Point(1,
                                Instant.now().toEpochMilli()))))))
                .when().post("/api/v1/write")
                .then().statusCode(503).header("Retry-After", "7").body("type", containsString("busy"));
        assertEquals(503, waiting.get(30, TimeUnit.SECONDS), "the waiting request is not acknowledged either");
        given().when().get("/q/metrics").then()
                .body(containsString("surety_metrics_http_rejected_total{reason=\"busy\"} 2.0"));
    }
}
