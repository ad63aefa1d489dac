package dev.surety.agreement.rest;

import static dev.surety.agreement.Fixtures.AGREEMENTS;
import static dev.surety.agreement.Fixtures.JSON;
import static dev.surety.agreement.Fixtures.admin;
import static dev.surety.agreement.Fixtures.tenant;
import static dev.surety.agreement.Fixtures.validRequest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.surety.agreement.Fixtures;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.Comparison;
import dev.surety.events.CreditAggregation;
import dev.surety.events.EventCodec;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The whole SLA travels through the API, the database and the snapshot event unchanged. */
@QuarkusTest
class AgreementModelTest {

    /** The example request body of POST /v1/agreements in the OpenAPI document. */
    private static ObjectNode openApiExample() throws Exception {
        String doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode example = JSON.readTree(doc).at("/paths/~1v1~1agreements/post/requestBody/content/application~1json"
                + "/examples/cloud-compute/value");
        assertTrue(example.isObject(), "the create operation shows a full example");
        return (ObjectNode) example;
    }

    @Test
    void theOpenApiExampleIsAValidAgreementAndEveryFieldRoundTrips() throws Exception {
        ObjectNode body = openApiExample();
        String customer = tenant("model");
        body.put("customer", customer);
        Response created = admin().contentType("application/json").body(body.toString()).post(AGREEMENTS);
        created.then().statusCode(201)
                .body("customerName", equalTo("ACME Corporation"))
                .body("updatedBy", equalTo("alice-admin"))
                .body("objectives[0].sliKind", equalTo("TIME_SLICE"))
                .body("objectives[0].comparison", equalTo("GE"))
                .body("objectives[0].bound", hasToString("1"))
                .body("objectives[0].slice", equalTo("PT1M"))
                .body("objectives[0].noData", equalTo("BAD"))
                .body("objectives[0].description", equalTo("Share of 1-minute slices in which the regional health probe succeeded"))
                .body("objectives[1].period", equalTo("CALENDAR_MONTH"))
                .body("objectives[1].burnRateRules.name", contains("page-fast", "page-slow", "ticket"))
                .body("objectives[1].burnRateRules[2].longWindow", equalTo("PT72H"))
                .body("objectives[1].comparison", nullValue())
                .body("objectives[2].percentile", hasToString("99"))
                .body("objectives[2].threshold", nullValue())
                .body("objectives[2].slice", equalTo("PT1M"))
                .body("exclusions.minimumNotice", equalTo("PT168H")) // durations as java.time.Duration writes them
                .body("exclusions.excludedCauses", contains("customer", "force-majeure"))
                .body("exclusions.maintenanceWindows[0].rrule", equalTo("FREQ=WEEKLY;BYDAY=SU"))
                .body("exclusions.maintenanceWindows[0].timeZone", equalTo("Europe/Berlin"))
                // Announced now for a window that started in the past: kept, but not excludable.
                .body("exclusions.maintenanceWindows[0].excludable", equalTo(false))
                .body("compensation.monthlyFee", hasToString("25000.00"))
                .body("compensation.minimumCredit", hasToString("1.00"))
                .body("compensation.claimRequired", equalTo(true))
                .body("compensation.claimWindowDays", equalTo(60))
                .body("compensation.aggregation", equalTo("HIGHEST"))
                .body("compensation.tiers.creditPercent", contains(hasToString("10"), hasToString("30"), hasToString("100")))
                .body("responsibilities.reporting", equalTo("Monthly statement within 5 business days of the month's end"))
                .body("securityTerms", equalTo("Customer data is encrypted at rest (AES-256) and in transit (TLS 1.2 or later)."));
        String id = created.path("id");
        assertEquals(JSON.readTree(created.asString()), JSON.readTree(admin().get(AGREEMENTS + "/" + id).asString()));

        AgreementSnapshot s = EventCodec.decode(Fixtures.awaitRecords(id, rs -> !rs.isEmpty()).get(0).value(),
                AgreementSnapshot.class);
        assertEquals(customer, s.tenant());
        assertEquals("ACME Corporation", s.customer());
        assertEquals("alice-admin", s.updatedBy());
        assertEquals("Monthly uptime of the compute API in region eu-central-1, as in the provider's public SLA",
                s.description());
        ObjectiveSpec uptime = s.objective("region-uptime");
        assertEquals(SliKind.TIME_SLICE, uptime.sliKind());
        assertEquals(Comparison.GE, uptime.comparison());
        assertEquals(NoDataPolicy.BAD, uptime.noData());
        assertEquals(Duration.ofMinutes(1), uptime.slice());
        ObjectiveSpec ratio = s.objective("api-success");
        assertEquals(3, ratio.burnRateRules().size());
        assertEquals(new BigDecimal("14.4"), ratio.burnRateRules().get(0).factor());
        assertEquals(Duration.ofHours(6), ratio.burnRateRules().get(2).shortWindow());
        assertEquals(new BigDecimal("99"), s.objective("api-latency-p99").percentile());
        assertNull(s.objective("api-latency-p99").threshold());
        assertEquals(Duration.ofDays(7), s.exclusions().minimumNotice());
        assertTrue(s.exclusions().isExcludedCause("force-majeure"));
        assertEquals("FREQ=WEEKLY;BYDAY=SU", s.exclusions().maintenanceWindows().get(0).rrule());
        assertEquals(new BigDecimal("1.00"), s.compensation().minimumCredit());
        assertEquals(60, s.compensation().claimWindowDays());
        assertEquals(CreditAggregation.HIGHEST, s.compensation().aggregation());
        assertEquals("Provider, with synthetic probes from three availability zones", s.responsibilities().measuredBy());
        assertTrue(s.securityTerms().startsWith("Customer data is encrypted"));
    }

    @Test
    void omittedPartsTakeTheirDefaults() {
        admin().contentType("application/json").body(validRequest(tenant("defaults"))).post(AGREEMENTS).then()
                .statusCode(201)
                .body("customerName", nullValue())
                .body("objectives[0].description", nullValue())
                .body("objectives[0].comparison", nullValue())
                .body("objectives[0].bound", nullValue())
                .body("objectives[0].percentile", nullValue())
                .body("objectives[0].slice", nullValue())
                .body("objectives[0].burnRateRules.size()", equalTo(0))
                .body("objectives[0].noData", equalTo("IGNORE"))
                .body("objectives[0].noDataAfter", equalTo("PT5M"))
                .body("exclusions.maintenanceWindows.size()", equalTo(0))
                .body("exclusions.minimumNotice", equalTo("PT0S"))
                .body("exclusions.excludedCauses.size()", equalTo(0))
                .body("compensation.minimumCredit", nullValue())
                .body("compensation.claimWindowDays", nullValue())
                .body("compensation.aggregation", equalTo("HIGHEST"))
                .body("responsibilities", nullValue())
                .body("securityTerms", nullValue())
                .body("updatedBy", equalTo("alice-admin"));
        var r = validRequest(tenant("defaults"));
        Fixtures.objective(r, 0).remove("period");
        Fixtures.compensation(r).put("claimRequired", true);
        admin().contentType("application/json").body(r).post(AGREEMENTS).then().statusCode(201)
                .body("objectives[0].period", equalTo("CALENDAR_MONTH"))
                .body("compensation.claimWindowDays", equalTo(30));
    }

    @Test
    void openApiDescribesTheMaintenanceWindowsAndShowsExamples() throws Exception {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/v1/agreements/{id}/maintenance-windows"))
                .body("paths", hasKey("/v1/agreements/{id}/maintenance-windows/{windowId}"))
                .body("paths.'/v1/agreements/{id}/maintenance-windows'", hasKey("get"))
                .body("paths.'/v1/agreements/{id}/maintenance-windows'", hasKey("post"))
                .body("paths.'/v1/agreements/{id}/maintenance-windows/{windowId}'", hasKey("get"))
                .body("paths.'/v1/agreements/{id}/maintenance-windows/{windowId}'", hasKey("delete"))
                .body("paths.'/v1/agreements/{id}/maintenance-windows'.post.responses", hasKey("201"))
                .body("paths.'/v1/agreements/{id}/maintenance-windows'.post.responses", hasKey("428"))
                .body("paths.'/v1/agreements/{id}/maintenance-windows'.post.requestBody.content.'application/json'"
                        + ".examples.'monthly-upgrade'.value.rrule", equalTo("FREQ=MONTHLY;BYDAY=1SU;COUNT=3"))
                .body("components.schemas.ObjectiveInput.properties.burnRateRules.description",
                        org.hamcrest.Matchers.containsString("burn-rate"))
                .body("components.schemas.MaintenanceWindow.properties.excludable.description",
                        org.hamcrest.Matchers.containsString("minimumNotice"))
                .body("components.schemas.CompensationInput.properties.minimumCredit.examples",
                        org.hamcrest.Matchers.notNullValue());
        assertEquals("Compute API service commitment", openApiExample().get("name").asText());
    }
}
