package dev.surety.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * agreement-service, breach-detector and credit-service as one small real HTTP server serving canned
 * JSON, enforcing tenancy from the bearer token like the real services do (except for the "leaky"
 * agreement, which a misbehaving service hands to anyone: the portal must still refuse it). Also writes
 * a development signing key and turns the development login on for the tests.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    public static final String ACME = "a-acme-0001";
    public static final String GLOBEX = "g-globex-0001";
    public static final String LEAKY = "g-globex-leaky";
    public static final String DETECTOR_DOWN = "a-acme-detector-down";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Claims received, by period start. */
    public static final Map<String, String> CLAIMS = new ConcurrentHashMap<>();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path key = Files.createTempFile("portal-dev-key", ".pem");
            // Read by the portal while the test JVM runs; nothing of a test run stays behind in the temp directory.
            key.toFile().deleteOnExit();
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            byte[] der = gen.generateKeyPair().getPrivate().getEncoded();
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n");
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", this::handle);
            server.start();
            String base = "http://localhost:" + server.getAddress().getPort();
            return Map.of("surety.portal.agreement-url", base, "surety.portal.detector-url", base,
                    "surety.portal.credit-url", base, "surety.portal.dev-login.enabled", "true",
                    "surety.portal.dev-login.private-key-location", key.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private record Caller(String tenant, List<String> groups) {
        boolean staff() {
            return groups.stream().anyMatch(g -> List.of("provider-admin", "ops", "billing").contains(g));
        }

        boolean sees(String t) {
            return staff() || t.equals(tenant);
        }
    }

    private static Caller caller(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return null;
        }
        JsonNode c = JSON.readTree(Base64.getUrlDecoder().decode(auth.substring(7).split("\\.")[1]));
        List<String> groups = new java.util.ArrayList<>();
        c.path("groups").forEach(g -> groups.add(g.asText()));
        return new Caller(c.path("tenant").asText(""), groups);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Caller who = caller(ex);
            if (who == null) {
                send(ex, 401, "application/problem+json", "{\"status\":401}");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
            if (path.equals("/v1/agreements")) {
                StringBuilder items = new StringBuilder();
                for (String id : List.of(ACME, DETECTOR_DOWN, GLOBEX)) {
                    String tenant = id.startsWith("g-") ? "globex" : "acme";
                    if (who.sees(tenant)) {
                        items.append(items.isEmpty() ? "" : ",").append(agreement(id, tenant));
                    }
                }
                send(ex, 200, "application/json", "{\"items\":[" + items + "],\"page\":0,\"size\":100,\"total\":0}");
            } else if (path.startsWith("/v1/agreements/")) {
                String id = path.substring("/v1/agreements/".length());
                String tenant = id.startsWith("g-") ? "globex" : "acme";
                if (!List.of(ACME, GLOBEX, LEAKY, DETECTOR_DOWN).contains(id) || (!who.sees(tenant) && !id.equals(LEAKY))) {
                    send(ex, 404, "application/problem+json", "{\"status\":404,\"detail\":\"No agreement with this id\"}");
                } else {
                    send(ex, 200, "application/json", agreement(id, tenant));
                }
            } else if (path.startsWith("/v1/status/")) {
                String id = path.substring("/v1/status/".length());
                if (id.equals(GLOBEX + "/history") && who.sees("globex")) {
                    send(ex, 200, "application/json", history());
                } else if (id.endsWith("/history") || id.equals(DETECTOR_DOWN)) {
                    send(ex, id.endsWith("/history") ? 404 : 503, "application/problem+json", "{\"status\":503}");
                } else if (!who.sees(id.startsWith("g-") ? "globex" : "acme")) {
                    send(ex, 404, "application/problem+json", "{\"status\":404}");
                } else {
                    send(ex, 200, "application/json", id.startsWith("g-") ? completeStatus(id) : status(id));
                }
            } else if (path.equals("/v1/credits")) {
                boolean acme = who.sees("acme") && (query.isEmpty() || query.contains(ACME) || !query.contains("agreementId"));
                send(ex, 200, "application/json", "{\"items\":[" + (acme ? credit() : "") + "],\"page\":0,\"size\":100,\"total\":1}");
            } else if (path.equals("/v1/claims") && ex.getRequestMethod().equals("POST")) {
                JsonNode body = JSON.readTree(ex.getRequestBody());
                if (!who.groups().contains("customer") || !who.sees("acme") || !ACME.equals(body.path("agreementId").asText())) {
                    send(ex, 404, "application/problem+json", "{\"status\":404,\"detail\":\"No such agreement\"}");
                    return;
                }
                CLAIMS.put(body.path("periodStart").asText(), body.path("objectiveId").asText());
                send(ex, 201, "application/json", "{\"state\":\"ISSUED\",\"amount\":\"250.00\",\"currency\":\"EUR\"}");
            } else if (path.equals("/v1/statements")) {
                if (!query.contains("customer=acme") || !who.sees("acme")) {
                    send(ex, 404, "application/problem+json", "{\"status\":404}");
                } else if (query.contains("format=csv")) {
                    send(ex, 200, "text/csv;charset=UTF-8", "record,creditId,agreementId\r\nCREDIT,c-1," + ACME + "\r\n");
                } else {
                    send(ex, 200, "application/json", statement());
                }
            } else {
                send(ex, 404, "application/problem+json", "{\"status\":404}");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    static String agreement(String id, String tenant) {
        return """
                {"id":"%s","version":3,"status":"ACTIVE","name":"%s checkout availability","customer":"%s",
                 "customerName":"%s Corp","provider":"Surety Cloud","service":"checkout-api","timeZone":"Europe/Berlin",
                 "effectiveFrom":"2026-01-01T00:00:00Z",
                 "objectives":[{"id":"availability","name":"Availability","sliKind":"RATIO","target":99.9,
                   "period":"CALENDAR_MONTH","window":"PT5M","threshold":99.0,
                   "burnRateRules":[{"name":"page-fast","factor":14.4,"longWindow":"PT1H","shortWindow":"PT5M","severity":"page"}]}],
                 "exclusions":{"maintenanceWindows":[{"windowId":"w1","title":"Database patching","start":"2026-12-05T22:00:00Z","duration":"PT2H","rrule":null}]},
                 "compensation":{"monthlyFee":1000.00,"currency":"EUR","tiers":[{"belowPercent":99.9,"creditPercent":10},
                   {"belowPercent":99.0,"creditPercent":25},{"belowPercent":90.0,"creditPercent":100}],"capPercent":100,
                   "claimRequired":true,"claimWindowDays":30}}
                """.formatted(id, tenant.equals("acme") ? "ACME" : "Globex", tenant, tenant);
    }

    /** Half the period gone at 99.95 %, the last five minutes at 96 % with a breach open. */
    static String status(String id) {
        return """
                {"agreementId":"%s","agreementVersion":3,"tenant":"acme","asOf":"%s","objectives":[{"objectiveId":"availability",
                 "name":"Availability","threshold":99.0,"target":99.9,"lastMeasurementAt":"%s",
                 "window":{"length":"PT5M","from":"%s","to":"%s","good":9600,"total":10000,"sli":96.000000,"breaching":true},
                 "openBreach":{"breachId":"b-1","openedAt":"%s"},
                 "currentPeriod":{"start":"%s","end":"%s","good":999500,"total":1000000,"attainment":99.950000}}]}
                """.formatted(id, NOW, NOW, NOW.minusSeconds(300), NOW, NOW.minusSeconds(600),
                NOW.minus(15, ChronoUnit.DAYS), NOW.plus(15, ChronoUnit.DAYS));
    }

    /** The detector's complete status shape: rule windows with burn rates, open breaches, error budget. */
    static String completeStatus(String id) {
        return """
                {"agreementId":"%s","agreementVersion":3,"tenant":"globex","asOf":"%s","objectives":[{"objectiveId":"availability",
                 "name":"Availability","sliKind":"RATIO","agreementVersion":3,"threshold":99.0,"target":99.9,"lastMeasurementAt":"%s",
                 "window":{"length":"PT5M","unit":"events","good":9950,"total":10000,"sli":99.500000,"burnRate":5.000000},
                 "breaching":false,
                 "burnRates":[{"rule":"page-fast","severity":"page","factor":14.4,
                   "longWindow":{"length":"PT1H","good":99000,"total":100000,"sli":99.0,"burnRate":10.000000},
                   "shortWindow":{"length":"PT5M","good":9950,"total":10000,"sli":99.5,"burnRate":5.000000},"firing":false}],
                 "openBreaches":[{"breachId":"b-9","kind":"BURN_RATE","rule":"page-fast","severity":"page","since":"%s"}],
                 "currentPeriod":{"start":"%s","end":"%s","unit":"events","good":999000,"total":1000000,"attainment":99.900000,
                   "meetsTarget":true,"breaches":2,"errorBudget":{"allowedBad":1000,"consumedBad":1000,"remaining":0.123400}}}]}
                """.formatted(id, NOW, NOW, NOW.minusSeconds(1200), NOW.minus(10, ChronoUnit.DAYS), NOW.plus(20, ChronoUnit.DAYS));
    }

    /** The detector's period history: hour buckets and the period's breach episodes. */
    static String history() {
        Instant start = NOW.minus(10, ChronoUnit.DAYS);
        return """
                {"agreementId":"%s","asOf":"%s","objectives":[{"objectiveId":"availability","periodStart":"%s","periodEnd":"%s",
                 "timeZone":"Europe/Berlin","unit":"events","excludedMinutes":45,
                 "buckets":[{"start":"%s","end":"%s","good":1000,"valid":1000,"excludedMinutes":0},
                            {"start":"%s","end":"%s","good":980,"valid":1000,"excludedMinutes":0}],
                 "breaches":[{"breachId":"b-8","kind":"THRESHOLD","rule":null,"severity":null,"openedAt":"%s","resolvedAt":"%s","reason":"recovered"},
                             {"breachId":"b-9","kind":"BURN_RATE","rule":"page-fast","severity":"page","openedAt":"%s","resolvedAt":null,"reason":null}],
                 "noData":[]}]}
                """.formatted(GLOBEX, NOW, start, NOW.plus(20, ChronoUnit.DAYS), start, start.plusSeconds(3600),
                start.plusSeconds(3600), start.plusSeconds(7200), start.plusSeconds(3700), start.plusSeconds(4300),
                NOW.minusSeconds(1200));
    }

    static String credit() {
        return """
                {"creditId":"c-1","agreementId":"%s","objectiveId":"availability","customer":"acme",
                 "periodStart":"2026-10-01T00:00:00Z","periodEnd":"2026-11-01T00:00:00Z","attainment":98.5,
                 "tierBelowPercent":99.0,"creditPercent":25,"amount":"250.00","currency":"EUR","state":"%s",
                 "claimDeadline":"%s"}
                """.formatted(ACME, CLAIMS.isEmpty() ? "ENTITLED" : "ISSUED", NOW.plus(20, ChronoUnit.DAYS));
    }

    static String statement() {
        return """
                {"customer":"acme","objectives":[
                 {"agreementId":"%s","objectiveId":"availability","periodStart":"2026-10-01T00:00:00Z","periodEnd":"2026-11-01T00:00:00Z",
                  "status":"FINAL","attainment":"98.500000","target":"99.9","excludedMinutes":"90","breaches":3,"tierBelowPercent":"99.0","creditPercent":"25"},
                 {"agreementId":"%s","objectiveId":"availability","periodStart":"2026-09-01T00:00:00Z","periodEnd":"2026-10-01T00:00:00Z",
                  "status":"FINAL","attainment":"99.990000","target":"99.9","excludedMinutes":"0","breaches":0}],
                 "lines":[],"totals":[]}
                """.formatted(ACME, ACME);
    }
}
