package dev.surety.agreement.rest;

import static dev.surety.agreement.Fixtures.AGREEMENTS;
import static dev.surety.agreement.Fixtures.JSON;
import static dev.surety.agreement.Fixtures.admin;
import static dev.surety.agreement.Fixtures.as;
import static dev.surety.agreement.Fixtures.tenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.surety.agreement.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenSLO in and out over HTTP: the same validation as JSON, every refusal with its path, equal round trips. */
@QuarkusTest
class AgreementAsCodeApiTest {

    private static final String YAML = "application/yaml";
    private static final String IMPORT = AGREEMENTS + "/import";
    /** What the server adds to the terms; everything else must survive export and import unchanged. */
    private static final List<String> SERVER_FIELDS = List.of("id", "version", "status", "createdAt", "createdBy",
            "updatedAt", "updatedBy");

    private static byte[] bytes(String yaml) {
        return yaml.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode openApi() throws Exception {
        return JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    private static ObjectNode terms(String json) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.remove(SERVER_FIELDS);
        for (JsonNode w : node.path("exclusions").path("maintenanceWindows")) {
            ((ObjectNode) w).remove(List.of("announcedAt", "excludable"));
        }
        return node;
    }

    @Test
    void theFullExampleAgreementRoundTripsThroughOpenSloExportAndImport() throws Exception {
        ObjectNode body = (ObjectNode) openApi().at("/paths/~1v1~1agreements/post/requestBody/content/application~1json"
                + "/examples/cloud-compute/value");
        body.put("customer", tenant("asc"));
        Response created = admin().contentType("application/json").body(body.toString()).post(AGREEMENTS);
        created.then().statusCode(201);
        String id = created.path("id");

        Response exported = admin().accept(YAML).get(AGREEMENTS + "/" + id + "/export");
        exported.then().statusCode(200).contentType(startsWith(YAML)).header("ETag", "\"1\"")
                .header("Content-Disposition", containsString("agreement-" + id + "-v1.yaml"));
        String yaml = exported.asString();
        assertTrue(yaml.contains("apiVersion: openslo/v1") && yaml.contains("kind: Agreement"), yaml);

        Response imported = admin().contentType(YAML).body(bytes(yaml)).post(IMPORT);
        imported.then().statusCode(201).header("ETag", "\"1\"").header("Location", containsString(AGREEMENTS + "/"));
        String copy = imported.path("id");
        String original = admin().get(AGREEMENTS + "/" + id).asString();
        String again = admin().get(AGREEMENTS + "/" + copy).asString();
        assertEquals(terms(original), terms(again));
    }

    @Test
    void theOpenApiYamlExampleImportsAndCanBeActivatedInOneStep() throws Exception {
        String example = openApi().at("/paths/~1v1~1agreements~1import/post/requestBody/content/application~1yaml"
                + "/examples/checkout/value").asText();
        assertTrue(example.contains("kind: SLO"), "the import operation shows an example");
        String customer = tenant("asc");
        admin().contentType(YAML).queryParam("status", "ACTIVE").body(bytes(example.replace("customer: acme", "customer: " + customer)))
                .post(IMPORT)
                .then().statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("customer", equalTo(customer))
                .body("objectives[0].id", equalTo("availability"))
                .body("objectives[0].sliKind", equalTo("RATIO"))
                .body("objectives[0].target", hasToString("99.9"))
                .body("objectives[0].period", equalTo("CALENDAR_MONTH"))
                .body("compensation.tiers[1].creditPercent", hasToString("25"));
    }

    @Test
    void foreignQueriesAndUnknownKindsAreRefusedWith422NamingEachPath() throws Exception {
        String example = openApi().at("/paths/~1v1~1agreements~1import/post/requestBody/content/application~1yaml"
                + "/examples/checkout/value").asText();
        String foreign = example.replaceFirst("type: Surety", "type: Prometheus") + """
                ---
                apiVersion: openslo/v1
                kind: AlertNotificationTarget
                metadata:
                  name: pager
                spec:
                  target: pagerduty
                """;
        admin().contentType(YAML).body(bytes(foreign)).post(IMPORT)
                .then().statusCode(422)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", equalTo("https://surety.local/problems/import-rejected"))
                .body("errors.field", hasItem("documents[1].spec.indicator.spec.ratioMetric.good.metricSource.type"))
                .body("errors.field", hasItem("documents[3].kind"));
    }

    @Test
    void documentsBreakingAnAgreementRuleAre422NamingTheAgreementField() throws Exception {
        String example = openApi().at("/paths/~1v1~1agreements~1import/post/requestBody/content/application~1yaml"
                + "/examples/checkout/value").asText();
        admin().contentType(YAML).body(bytes(example.replace("currency: EUR", "currency: EURO"))).post(IMPORT)
                .then().statusCode(422)
                .body("errors.field", hasItem("compensation.currency"));
        admin().contentType(YAML).body(bytes("a: [unclosed")).post(IMPORT)
                .then().statusCode(422).body("errors.size()", equalTo(1));
        admin().contentType(YAML).queryParam("status", "SUSPENDED").body(bytes(example)).post(IMPORT)
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        admin().contentType("application/json").body("{}").post(IMPORT).then().statusCode(415);
    }

    @Test
    void onlyProviderAdminsImportAndCustomersExportOnlyTheirOwn() throws Exception {
        String example = openApi().at("/paths/~1v1~1agreements~1import/post/requestBody/content/application~1yaml"
                + "/examples/checkout/value").asText();
        String customer = tenant("asc");
        as("carol", customer, Roles.CUSTOMER).contentType(YAML).body(bytes(example)).post(IMPORT).then().statusCode(403);
        given().contentType(YAML).body(bytes(example)).post(IMPORT).then().statusCode(401);
        String id = admin().contentType(YAML).body(bytes(example.replace("customer: acme", "customer: " + customer)))
                .post(IMPORT).then().statusCode(201).extract().path("id");
        as("carol", customer, Roles.CUSTOMER).get(AGREEMENTS + "/" + id + "/export").then().statusCode(200);
        as("mallory", tenant("other"), Roles.CUSTOMER).get(AGREEMENTS + "/" + id + "/export").then().statusCode(404);
        as("olga", null, Roles.OPS).get(AGREEMENTS + "/" + id + "/export?at=2020-01-01T00:00:00Z").then().statusCode(404);
    }
}
