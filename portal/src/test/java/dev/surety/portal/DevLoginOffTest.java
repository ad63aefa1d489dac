package dev.surety.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With nothing configured, there is no development login and no OIDC: pages answer 401 with a page saying so. */
@QuarkusTest
@TestProfile(DevLoginOffTest.Defaults.class)
class DevLoginOffTest {

    /** The base configuration without the test resource that turns the development login on. */
    public static class Defaults implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of();
        }
    }

    @Test
    void developmentLoginIsOffByDefault() {
        given().get("/login").then().statusCode(401)
                .body(allOf(not(containsString("Sign in as alice")), containsString("No sign-in method is configured")));
        given().formParam("user", "alice").post("/login").then().statusCode(404)
                .body(containsString("Development sign-in is not enabled"));
        given().redirects().follow(false).get("/agreements").then().statusCode(302)
                .header("Location", containsString("/login"));
    }
}
