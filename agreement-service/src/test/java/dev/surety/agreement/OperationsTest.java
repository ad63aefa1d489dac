package dev.surety.agreement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What operators rely on: health, metrics and the API description, all without a token. */
@QuarkusTest
class OperationsTest {

    @Test
    void readyWithDatabaseAndKafka() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                // The Kafka producer of the agreements channel and both database pools.
                .body("checks.find { it.name.contains('Reactive Messaging') }.data.agreements", equalTo("[OK]"))
                .body("checks.find { it.name.contains('Reactive PostgreSQL') }.status", equalTo("UP"))
                .body("checks.find { it.name.contains('Database connections') }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDescribesTheAgreementsApi() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths", hasKey("/v1/agreements"))
                .body("paths", hasKey("/v1/agreements/{id}"))
                .body("paths.'/v1/agreements'", hasKey("post"))
                .body("paths.'/v1/agreements'", hasKey("get"))
                .body("components.securitySchemes", hasKey("bearer-jwt"))
                .body("paths.'/v1/agreements'.post.responses", hasKey("201"))
                .body("paths.'/v1/agreements'.post.responses", hasKey("400"));
    }

    @Test
    void businessCountersAreExposed() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("surety_agreements_created_total"))
                .body(containsString("surety_agreements_published_total"))
                .body(containsString("surety_outbox_pending"));
    }

    @Test
    void tagsListed() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .body("tags.name", hasItem("Agreements"));
    }
}
