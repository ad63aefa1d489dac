package dev.surety.portal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.surety.portal.security.Viewer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Every call the portal makes, with the viewer's token, turned into {@link Reply} values: a service
 * that is down makes its part of the page say so instead of failing the page.
 */
@RequestScoped
public class Backends {

    private static final Logger LOG = Logger.getLogger(Backends.class);
    /** Decimals stay exact: 1000.00 must not turn into 1000.0. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    public static final String AGREEMENTS = "agreement-service";
    public static final String DETECTOR = "breach-detector";
    public static final String CREDITS = "credit-service";

    private final AgreementApi agreements;
    private final DetectorApi detector;
    private final CreditApi credits;
    private final Viewer viewer;
    private final MeterRegistry meters;

    public Backends(@RestClient AgreementApi agreements, @RestClient DetectorApi detector,
                    @RestClient CreditApi credits, Viewer viewer, MeterRegistry meters) {
        this.agreements = agreements;
        this.detector = detector;
        this.credits = credits;
        this.viewer = viewer;
        this.meters = meters;
    }

    private String bearer() {
        String t = viewer.token();
        return t == null ? null : "Bearer " + t;
    }

    public Reply agreements(String customer, int page, int size) {
        return call(AGREEMENTS, a -> agreements.list(a, customer, page, size));
    }

    public Reply agreement(String id) {
        return call(AGREEMENTS, a -> agreements.get(a, id));
    }

    public Reply maintenanceWindows(String id) {
        return call(AGREEMENTS, a -> agreements.maintenanceWindows(a, id));
    }

    public Reply status(String agreementId) {
        return call(DETECTOR, a -> detector.status(a, agreementId));
    }

    public Reply history(String agreementId) {
        return call(DETECTOR, a -> detector.history(a, agreementId));
    }

    public Reply credits(String agreementId, String state, int page, int size) {
        return call(CREDITS, a -> credits.credits(a, agreementId, state, page, size));
    }

    public Reply claim(String agreementId, String objectiveId, Instant periodStart) {
        var body = JSON.createObjectNode().put("agreementId", agreementId).put("periodStart", periodStart.toString());
        if (objectiveId != null) {
            body.put("objectiveId", objectiveId);
        }
        return call(CREDITS, a -> credits.claim(a, body.toString()));
    }

    public Reply statementJson(String customer, Instant from, Instant to) {
        return call(CREDITS, a -> credits.statement(a, "application/json", customer, from.toString(), to.toString(),
                null, "json"));
    }

    public Reply statementCsv(String customer, Instant from, Instant to, Instant periodStart) {
        return call(CREDITS, a -> credits.statement(a, "text/csv", customer,
                from == null ? null : from.toString(), to == null ? null : to.toString(),
                periodStart == null ? null : periodStart.toString(), "csv"));
    }

    private Reply call(String service, Function<String, Response> request) {
        Response r;
        try {
            r = request.apply(bearer());
        } catch (WebApplicationException e) {
            r = e.getResponse();
        } catch (ProcessingException | IllegalStateException e) {
            LOG.warnf("%s unavailable: %s", service, e.getMessage());
            meters.counter("surety.portal.backend.failures", "service", service).increment();
            return Reply.unavailable(service);
        }
        try (Response answer = r) {
            String body = "";
            try {
                body = answer.hasEntity() ? answer.readEntity(String.class) : "";
            } catch (RuntimeException unreadable) {
                body = "";
            }
            String type = answer.getHeaderString("Content-Type");
            JsonNode json = MissingNode.getInstance();
            if (type != null && type.contains("json") && !body.isBlank()) {
                try {
                    json = JSON.readTree(body);
                } catch (IOException malformed) {
                    json = MissingNode.getInstance();
                }
            }
            if (answer.getStatus() >= 500) {
                meters.counter("surety.portal.backend.failures", "service", service).increment();
            }
            return new Reply(service, answer.getStatus(), body, json, type);
        }
    }
}
