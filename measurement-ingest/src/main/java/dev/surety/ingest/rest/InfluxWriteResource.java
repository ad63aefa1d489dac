package dev.surety.ingest.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * InfluxDB-compatible write endpoints, so Telegraf's {@code outputs.influxdb_v2} ({@code /api/v2/write}) and
 * {@code outputs.influxdb} ({@code /write}) publish without an adapter. The body is line protocol whatever the
 * Content-Type; {@code org}, {@code bucket} and {@code db} are accepted and ignored (the agent's token decides the
 * tenant). Success is 204 as InfluxDB answers; gzip bodies (Telegraf's default) are inflated here, within the size limit, and published inflated.
 */
@Path("/")
@Tag(name = "Metrics ingestion", description = "Monitoring agents publish raw metric samples")
@SecurityRequirement(name = "bearer-jwt")
@APIResponse(responseCode = "401", description = "No or invalid token")
@APIResponse(responseCode = "403", description = "Not an agent token, or a token without tenant claim")
@APIResponse(responseCode = "413", description = "Body larger than surety.ingest.http.max-payload-size")
@APIResponse(responseCode = "429", description = "In-flight budget spent; retry later",
        headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)))
@APIResponse(responseCode = "503", description = "Broker did not acknowledge; retry later",
        headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)))
public class InfluxWriteResource {

    private static final String LINE_PROTOCOL = "text/plain";

    private final HttpIngestService ingest;
    private final JsonWebToken jwt;

    public InfluxWriteResource(HttpIngestService ingest, JsonWebToken jwt) {
        this.ingest = ingest;
        this.jwt = jwt;
    }

    @POST
    @Path("api/v2/write")
    @Blocking
    @RolesAllowed("agent")
    @Consumes(MediaType.WILDCARD)
    @Produces(Problem.MEDIA_TYPE)
    @Operation(summary = "InfluxDB 2.x write (line protocol)",
            description = "What Telegraf's influxdb_v2 output sends. Authorization: Bearer <agent JWT> or Token <agent JWT>. "
                    + "All or nothing; 204 only after the broker acknowledged the record.")
    @APIResponse(responseCode = "204", description = "Written to the raw-metrics topic and acknowledged by the broker")
    @APIResponse(responseCode = "400", description = "A bad line, named lines[n] (1-based line number); nothing published",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response writeV2(byte[] body, @HeaderParam("Content-Encoding") String contentEncoding,
                            @Parameter(description = "ns (default), us, ms or s") @QueryParam("precision") String precision,
                            @Parameter(description = "ignored") @QueryParam("org") String org,
                            @Parameter(description = "ignored") @QueryParam("bucket") String bucket) {
        return ingest.ingest(HttpIngestService.Flavour.INFLUX, body, LINE_PROTOCOL, contentEncoding, precision, jwt);
    }

    @POST
    @Path("write")
    @Blocking
    @RolesAllowed("agent")
    @Consumes(MediaType.WILDCARD)
    @Produces(Problem.MEDIA_TYPE)
    @Operation(summary = "InfluxDB 1.x write (line protocol)",
            description = "What Telegraf's influxdb output sends (set http_headers Authorization = Bearer <agent JWT>). "
                    + "All or nothing; 204 only after the broker acknowledged the record.")
    @APIResponse(responseCode = "204", description = "Written to the raw-metrics topic and acknowledged by the broker")
    @APIResponse(responseCode = "400", description = "A bad line, named lines[n]; nothing published",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response writeV1(byte[] body, @HeaderParam("Content-Encoding") String contentEncoding,
                            @Parameter(description = "n/ns (default), u/us, ms or s") @QueryParam("precision") String precision,
                            @Parameter(description = "ignored") @QueryParam("db") String db) {
        return ingest.ingest(HttpIngestService.Flavour.INFLUX, body, LINE_PROTOCOL, contentEncoding, precision, jwt);
    }
}
