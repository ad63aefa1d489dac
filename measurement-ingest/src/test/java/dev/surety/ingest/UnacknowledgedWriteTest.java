package dev.surety.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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
                    "surety.ingest.http.ack-timeout", "PT1S",
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
}
