package dev.surety.ingest.rest;

import dev.surety.ingest.config.IngestConfig;
import dev.surety.ingest.messaging.RawMetricPublisher;
import dev.surety.ingest.metrics.HttpIngestMetrics;
import dev.surety.ingest.service.RawMetricParser;
import dev.surety.ingest.service.RawMetricValidator;
import dev.surety.ingest.service.RejectedException;
import dev.surety.ingest.service.Sample;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * HTTP ingestion of Surety's raw metric JSON. The request is validated with the same parser and
 * validator as the topology, then written unchanged as one record to the raw-metrics topic, so
 * routing, dead-lettering and exactly-once processing stay in one place.
 */
@Path("/v1/metrics")
@Tag(name = "Metrics ingestion", description = "Monitoring agents publish raw metric samples")
@SecurityRequirement(name = "bearer-jwt")
public class MetricsResource {

    private static final Logger LOG = Logger.getLogger(MetricsResource.class);
    static final String PROBLEM_BASE = "https://surety.dev/problems/";

    private final RawMetricPublisher publisher;
    private final HttpIngestMetrics metrics;
    private final IngestConfig config;
    private final JsonWebToken jwt;

    public MetricsResource(RawMetricPublisher publisher, HttpIngestMetrics metrics, IngestConfig config,
                           JsonWebToken jwt) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.jwt = jwt;
    }

    /** Accepted: how many samples the agent's record carried, and the record's CloudEvents id. */
    public record Accepted(int accepted, String id) {
    }

    @POST
    @Blocking // waits for the broker's acknowledgement
    @RolesAllowed("agent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Publish raw metric samples",
            description = "One RawMetric object or a JSON array of them. All or nothing: if any item is invalid the "
                    + "request is refused (400, every bad item named by JSON path) and nothing is published. A valid "
                    + "request is written unchanged as one record to the raw-metrics topic, tagged with the agent's "
                    + "tenant; 202 is sent only after the broker acknowledged the write (acks=all). Samples may only "
                    + "feed agreements of the agent's own tenant; one that matches another tenant's agreement makes "
                    + "the record dead-lettered (tenant-mismatch) by the router.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "RawMetric or array of RawMetric"),
            examples = {
                @ExampleObject(name = "single", value = "{\"id\":\"s-1\",\"service\":\"checkout\","
                        + "\"metric\":\"http_requests\",\"labels\":{\"region\":\"eu\"},"
                        + "\"timestamp\":\"2026-01-31T12:00:00Z\",\"good\":990,\"total\":1000}"),
                @ExampleObject(name = "batch", value = "[{\"id\":\"s-1\",\"service\":\"checkout\","
                        + "\"metric\":\"http_requests\",\"timestamp\":\"2026-01-31T12:00:00Z\",\"good\":990,"
                        + "\"total\":1000},{\"id\":\"s-2\",\"service\":\"checkout\",\"metric\":\"latency_ms\","
                        + "\"timestamp\":\"2026-01-31T12:00:00Z\",\"value\":120.5}]")}))
    @APIResponse(responseCode = "202", description = "Written to the raw-metrics topic and acknowledged by the broker",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class),
                    examples = @ExampleObject(name = "accepted",
                            value = "{\"accepted\":2,\"id\":\"4b1c0c4e-8d0f-4a55-9d5e-7f4f0b1f2a10\"}")))
    @APIResponse(responseCode = "400", description = "Not JSON, or at least one invalid item; nothing published",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid", value = "{\"type\":\"" + PROBLEM_BASE
                            + "invalid-metrics\",\"title\":\"Invalid metric samples\",\"status\":400,\"detail\":"
                            + "\"1 problem(s); nothing was published\",\"errors\":[{\"field\":\"[2].total\","
                            + "\"message\":\"must be >= good\"}]}")))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not an agent token, or a token without tenant claim")
    @APIResponse(responseCode = "413", description = "Body larger than surety.ingest.http.max-payload-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge the write in time; retry later",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(byte[] body) {
        long limit = config.http().maxPayloadSize().asLongValue();
        if (body != null && body.length > limit) {
            metrics.rejected(HttpIngestMetrics.TOO_LARGE);
            return problem(413, "payload-too-large", "Payload too large",
                    "the body has " + body.length + " bytes; at most " + limit + " are accepted", List.of());
        }
        String tenant = jwt.getClaim("tenant");
        if (tenant == null || tenant.isBlank()) {
            metrics.rejected(HttpIngestMetrics.NO_TENANT);
            return problem(403, "no-tenant", "Agent token without tenant",
                    "an agent token must carry a tenant claim", List.of());
        }
        List<Sample> samples;
        try {
            samples = RawMetricParser.parse(body);
        } catch (RejectedException e) {
            String reason = e.rejection().reason();
            boolean shape = e.rejection().category() == dev.surety.ingest.service.RejectionCategory.INVALID;
            metrics.rejected(shape ? HttpIngestMetrics.INVALID : HttpIngestMetrics.UNPARSEABLE);
            List<Problem.FieldError> errors = shape ? toErrors(List.of(reason)) : List.of(new Problem.FieldError("$", reason));
            return problem(400, shape ? "invalid-metrics" : "unparseable", shape ? "Invalid metric samples"
                    : "Unreadable payload", reason, errors);
        }
        Instant now = Instant.now();
        List<String> problems = new ArrayList<>();
        for (Sample s : samples) {
            problems.addAll(RawMetricValidator.validate(s, now, config.maxFutureSkew()));
        }
        if (!problems.isEmpty()) {
            metrics.rejected(HttpIngestMetrics.INVALID);
            return problem(400, "invalid-metrics", "Invalid metric samples",
                    problems.size() + " problem(s); nothing was published", toErrors(problems));
        }
        String subject = jwt.getSubject() == null ? jwt.getName() : jwt.getSubject();
        String id = UUID.randomUUID().toString();
        String key = tenant + "/" + samples.get(0).metric().service();
        try {
            publisher.publish(key, body, id, "/agents/" + subject, tenant, now);
        } catch (RawMetricPublisher.NotAcknowledgedException e) {
            LOG.warnf(e.getCause(), "Raw metric record %s of agent %s not acknowledged by the broker", id, subject);
            metrics.rejected(HttpIngestMetrics.NOT_ACKNOWLEDGED);
            Response r = problem(503, "not-acknowledged", "Not stored",
                    "the broker did not acknowledge the write in time; nothing is guaranteed stored, retry later",
                    List.of());
            return Response.fromResponse(r).header("Retry-After", config.http().retryAfterSeconds()).build();
        }
        metrics.accepted(samples.size());
        return Response.status(202).type(MediaType.APPLICATION_JSON).entity(new Accepted(samples.size(), id)).build();
    }

    /** "samples[2].total: msg" (the topology's wording) becomes field "[2].total", a path into the request body. */
    static List<Problem.FieldError> toErrors(List<String> problems) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String p : problems) {
            int sep = p.indexOf(": ");
            String field = sep < 0 ? "$" : p.substring(0, sep);
            String message = sep < 0 ? p : p.substring(sep + 2);
            if (field.startsWith("samples[")) {
                field = field.substring("samples".length());
            } else if (field.equals("samples")) {
                field = "$";
            }
            errors.add(new Problem.FieldError(field, message));
        }
        return errors;
    }

    private static Response problem(int status, String type, String title, String detail,
                                    List<Problem.FieldError> errors) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(PROBLEM_BASE + type, title, status, detail, errors)).build();
    }
}
