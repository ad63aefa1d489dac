package dev.surety.ingest.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Prometheus remote write 1.0 receiver. Status codes follow what Prometheus does with them: 204 on success; 4xx for
 * data that can never succeed (Prometheus drops the batch); 503 with Retry-After for anything a retry may fix,
 * including a spent in-flight budget (Prometheus retries every 5xx, but 429 only when configured to).
 */
@Path("/api/v1/write")
@Tag(name = "Metrics ingestion", description = "Monitoring agents publish raw metric samples")
@SecurityRequirement(name = "bearer-jwt")
public class RemoteWriteResource {

    private final HttpIngestService ingest;
    private final JsonWebToken jwt;

    public RemoteWriteResource(HttpIngestService ingest, JsonWebToken jwt) {
        this.ingest = ingest;
        this.jwt = jwt;
    }

    @POST
    @Blocking
    @RolesAllowed("agent")
    @Consumes("application/x-protobuf")
    @Produces(Problem.MEDIA_TYPE)
    @Operation(summary = "Prometheus remote write 1.0",
            description = "Snappy-compressed (block format) protobuf WriteRequest, Content-Encoding: snappy, "
                    + "X-Prometheus-Remote-Write-Version: 0.1.0. __name__ is the metric, label service (else job) the "
                    + "service, instance the source. All or nothing; 204 only after the broker acknowledged the record.")
    @APIResponse(responseCode = "204", description = "Written to the raw-metrics topic and acknowledged by the broker")
    @APIResponse(responseCode = "400", description = "Undecodable body or a bad sample, named "
            + "timeseries[i].samples[j].value; Prometheus does not retry it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "Not an agent token, or a token without tenant claim")
    @APIResponse(responseCode = "413", description = "Body larger than surety.ingest.http.max-payload-size")
    @APIResponse(responseCode = "415", description = "Content-Encoding other than snappy")
    @APIResponse(responseCode = "503", description = "Broker did not acknowledge, or in-flight budget spent; retried",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)))
    public Response write(byte[] body, @HeaderParam("Content-Encoding") String encoding) {
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("snappy")) {
            return HttpIngestService.problem(415, "unsupported-media-type", "Unsupported content encoding",
                    "remote write bodies must be snappy-compressed",
                    java.util.List.of(new Problem.FieldError("Content-Encoding", "must be snappy")));
        }
        return ingest.ingest(HttpIngestService.Flavour.REMOTE_WRITE, body, "application/x-protobuf", encoding, null, jwt);
    }
}
