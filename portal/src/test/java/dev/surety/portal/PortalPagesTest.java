package dev.surety.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The pages as a person meets them, against real HTTP servers standing in for the services. */
@QuarkusTest
@QuarkusTestResource(FakeServices.class)
class PortalPagesTest {

    /** Signs in through the development login form and returns the session cookie. */
    static String signIn(String user) {
        Response r = given().redirects().follow(false).formParam("user", user).formParam("next", "/")
                .post("/login");
        assertEquals(303, r.statusCode(), r.asString());
        String setCookie = r.getHeader("Set-Cookie");
        String attributes = setCookie.substring(setCookie.indexOf(';')).toLowerCase(java.util.Locale.ROOT);
        assertTrue(attributes.contains("httponly") && attributes.contains("samesite=strict"), attributes);
        return r.getCookie("surety_dev_session");
    }

    @Test
    void signedOutVisitorsAreSentToTheLoginPageListingTheDemoUsers() {
        given().redirects().follow(false).get("/agreements/" + FakeServices.ACME)
                .then().statusCode(302).header("Location", containsString("/login?next="));
        given().get("/login").then().statusCode(200)
                .body(allOf(containsString("Sign in as alice"), containsString("tenant acme"),
                        containsString("Sign in as olga"), containsString("Skip to content")));
    }

    @Test
    void aForgedSessionCookieIsNoIdentity() {
        given().redirects().follow(false).cookie("surety_dev_session", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA")
                .get("/agreements").then().statusCode(302).header("Location", containsString("/login"));
    }

    @Test
    void aCustomerSeesAttainmentBudgetBurnProjectionAndTheNextTier() {
        String alice = signIn("alice");
        given().cookie("surety_dev_session", alice).get("/agreements").then().statusCode(200)
                .body(allOf(containsString("ACME checkout availability"), not(containsString("Globex"))));
        given().cookie("surety_dev_session", alice).get("/agreements/" + FakeServices.ACME).then().statusCode(200)
                .body(allOf(
                        containsString("99.95 %"),                   // attainment so far
                        containsString("75 % left"),                 // 0.05 % bad over half the period spends a quarter of 0.1 %
                        containsString("40×"),                       // 4 % bad against a 0.1 % budget
                        containsString("97.975 %"),                  // projected: half at 99.95, half at 96
                        containsString("250.00 EUR"),                // the 25 % tier of 1000.00 EUR
                        containsString("3446 more minutes of downtime → 100 % credit"),
                        containsString("Open breach"),
                        containsString("Europe/Berlin"),
                        containsString("CET"),
                        containsString("1000.00 EUR a month"),                       // times in the agreement's zone
                        containsString("90 min"),                    // maintenance excluded in a past period
                        containsString("98.5 %"),                    // a past period
                        containsString("<svg"),
                        containsString("no hour-by-hour history"),
                        not(containsString("Exception"))));
    }

    @Test
    void aCustomerCannotOpenAnotherTenantsAgreementWhateverTheServiceAnswers() {
        String alice = signIn("alice");
        given().cookie("surety_dev_session", alice).get("/agreements/" + FakeServices.GLOBEX).then().statusCode(404)
                .body(allOf(containsString("Page not found"), not(containsString("Globex checkout"))));
        // the service wrongly hands it out: the portal still shows nothing
        given().cookie("surety_dev_session", alice).get("/agreements/" + FakeServices.LEAKY).then().statusCode(404)
                .body(not(containsString("Globex checkout")));
        given().cookie("surety_dev_session", alice).get("/agreements/" + FakeServices.LEAKY + "/statement.csv")
                .then().statusCode(404);
        String bob = signIn("bob");
        given().cookie("surety_dev_session", bob).get("/agreements/" + FakeServices.ACME).then().statusCode(404);
        given().cookie("surety_dev_session", bob).get("/agreements/" + FakeServices.GLOBEX).then().statusCode(200)
                .body(allOf(containsString("12.34 % left"),            // the detector's own error budget
                        containsString("5×"),                           // the detector's window burn rate
                        containsString("10× / 5×"),                     // the burn-rate rule's long and short windows
                        containsString("2 breach episodes opened this period"),
                        containsString("Breaches this period"),         // the detector's period history
                        containsString("recovered"),
                        containsString("BURN_RATE · page-fast"),
                        containsString("10 min"),                       // the resolved breach lasted 600 s
                        containsString("45 min"),                       // maintenance excluded this period
                        containsString("hour by hour"),
                        containsString("Open breach")));
        given().cookie("surety_dev_session", bob).get("/agreements").then().statusCode(200)
                .body(allOf(containsString("Globex checkout"), not(containsString("ACME checkout"))));
    }

    @Test
    void aCustomerClaimsACreditAndDownloadsTheStatement() {
        String alice = signIn("alice");
        given().cookie("surety_dev_session", alice).get("/agreements/" + FakeServices.ACME).then().statusCode(200)
                .body(allOf(containsString("data-testid=\"claim\""), containsString("Claim 250.00 EUR")));
        Response claim = given().redirects().follow(false).cookie("surety_dev_session", alice)
                .formParam("periodStart", "2026-10-01T00:00:00Z").formParam("objectiveId", "availability")
                .post("/agreements/" + FakeServices.ACME + "/claims");
        assertEquals(303, claim.statusCode());
        assertEquals("availability", FakeServices.CLAIMS.get("2026-10-01T00:00:00Z"));
        given().urlEncodingEnabled(false).cookie("surety_dev_session", alice).get(claim.getHeader("Location"))
                .then().statusCode(200)
                .body(allOf(containsString("Credit claimed: 250.00 EUR is now issued"), containsString(">issued<")));
        given().cookie("surety_dev_session", alice).get("/agreements/" + FakeServices.ACME + "/statement.csv")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .body(containsString("CREDIT,c-1"));
    }

    @Test
    void aClaimFromAnotherSiteIsRefused() {
        String alice = signIn("alice");
        given().redirects().follow(false).cookie("surety_dev_session", alice).header("Origin", "https://evil.example")
                .formParam("periodStart", "2026-10-01T00:00:00Z")
                .post("/agreements/" + FakeServices.ACME + "/claims").then().statusCode(403);
    }

    @Test
    void aServiceThatIsDownIsNamedOnThePage() {
        String alice = signIn("alice");
        given().cookie("surety_dev_session", alice).get("/agreements/" + FakeServices.DETECTOR_DOWN).then().statusCode(200)
                .body(allOf(containsString("Live status, burn rates and projections unavailable"),
                        containsString("breach-detector"), not(containsString("Exception"))));
    }

    @Test
    void opsSeeOpenBreachesByMoneyAtRiskAndCustomersMayNot() {
        String olga = signIn("olga");
        String ops = given().cookie("surety_dev_session", olga).get("/ops").then().statusCode(200)
                .body(allOf(containsString("ACME checkout availability"), containsString("250.00 EUR"),
                        containsString("Globex checkout availability"), containsString("100.00 EUR"),
                        containsString("CET"),
                        containsString("Open breaches of 1 of 3 agreements unavailable"))).extract().asString();
        assertTrue(ops.indexOf("ACME checkout") < ops.indexOf("Globex checkout"), "most money at risk first");
        given().cookie("surety_dev_session", signIn("alice")).get("/ops").then().statusCode(403)
                .body(containsString("Not allowed"));
    }

    @Test
    void billingSeesCreditsWithTotalsPerCurrency() {
        given().cookie("surety_dev_session", signIn("bill")).get("/billing").then().statusCode(200)
                .body(allOf(containsString("Totals per currency"), containsString("EUR"), containsString("250.00")));
    }

    @Test
    void unknownPagesAreAFriendly404AndHealthAndMetricsStayOpen() {
        given().cookie("surety_dev_session", signIn("alice")).get("/no/such/page").then().statusCode(404)
                .body(containsString("Page not found"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("surety_portal_logins_succeeded_total"));
        given().get("/css/portal.css").then().statusCode(200);
    }
}
