package dev.surety.ingest.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

/**
 * HTTP ingestion of Surety JSON, collectd JSON and InfluxDB line protocol. The request is validated with the same parser and
 * validator as the topology, then written unchanged as one record to the raw-metrics topic, so
 * routing, dead-lettering and exactly-once processing stay in one place.
 */
@Path("/v1/metrics")
@Tag(name = "Metrics ingestion", description = "Monitoring agents publish raw metric samples")
@SecurityRequirement(name = "bearer-jwt")
public class MetricsResource {

    private final HttpIngestService ingest;
    private final JsonWebToken jwt;

    public MetricsResource(HttpIngestService ingest, JsonWebToken jwt) {
        this.ingest = ingest;
        this.jwt = jwt;
    }

    @POST
    @Blocking // waits for the broker's acknowledgement
    @RolesAllowed("agent")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/x-influxdb-line-protocol"})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Publish raw metric samples",
            description = "Surety JSON (one RawMetric object or a JSON array of them) or collectd JSON "
                    + "(application/json, recognised by its values/dstypes), or InfluxDB line protocol (text/plain; "
                    + "timestamps in ns unless ?precision=us|ms|s). All or nothing: if any item is invalid the "
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
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HttpIngestService.Accepted.class),
                    examples = @ExampleObject(name = "accepted",
                            value = "{\"accepted\":2,\"id\":\"4b1c0c4e-8d0f-4a55-9d5e-7f4f0b1f2a10\"}")))
    @APIResponse(responseCode = "400", description = "Not JSON, or at least one invalid item; nothing published",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid", value = "{\"type\":\"" + HttpIngestService.PROBLEM_BASE
                            + "invalid-metrics\",\"title\":\"Invalid metric samples\",\"status\":400,\"detail\":"
                            + "\"1 problem(s); nothing was published\",\"errors\":[{\"field\":\"[2].total\","
                            + "\"message\":\"must be >= good\"}]}")))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Not an agent token, or a token without tenant claim")
    @APIResponse(responseCode = "413", description = "Body larger than surety.ingest.http.max-payload-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A Content-Type other than JSON or line protocol")
    @APIResponse(responseCode = "429", description = "The in-flight budget is spent; nothing published, retry later",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge the write in time; retry later",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(byte[] body, @HeaderParam("Content-Type") String contentType,
                            @HeaderParam("Content-Encoding") String contentEncoding,
                            @Parameter(description = "line protocol: timestamp precision, ns (default), us, ms or s")
                            @QueryParam("precision") String precision) {
        return ingest.ingest(HttpIngestService.Flavour.SURETY, body, contentType, contentEncoding, precision, jwt);
    }
}
