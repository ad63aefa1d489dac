package dev.surety.detector.rest;

import dev.surety.detector.service.StatusService;
import dev.surety.detector.service.Viewer;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Live status of an agreement's objectives, served from the detector's state stores. */
@Path("/v1/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Status", description = "Live breach and compliance state per objective")
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class StatusResource {

    private static final String[] STAFF = {"provider-admin", "ops", "billing"};

    private final StatusService service;
    private final StatusMapper mapper;
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private final Clock clock;

    StatusResource(StatusService service, StatusMapper mapper, SecurityIdentity identity, JsonWebToken jwt,
                   Clock clock) {
        this.service = service;
        this.mapper = mapper;
        this.identity = identity;
        this.jwt = jwt;
        this.clock = clock;
    }

    @GET
    @Path("/{agreementId}")
    @RolesAllowed({"provider-admin", "ops", "billing", "customer"})
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Status of an agreement's objectives",
            description = "Per objective: the sliding-window SLI and its counts, the open breach if any, and the "
                    + "current compliance period with its attainment so far. A customer sees only its own "
                    + "tenant's agreements; another tenant's agreement is reported as not found.")
    @APIResponse(responseCode = "200", description = "The agreement's live status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementStatus.class)))
    @APIResponse(responseCode = "400", description = "Malformed agreement id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    @APIResponse(responseCode = "404", description = "Unknown agreement, or another tenant's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "State stores not queryable yet (starting or rebalancing)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AgreementStatus status(@PathParam("agreementId") @Size(min = 1, max = 128) String agreementId) {
        return mapper.toApi(service.load(agreementId, viewer()), clock.millis());
    }

    private Viewer viewer() {
        boolean staff = false;
        for (String role : STAFF) {
            staff |= identity.hasRole(role);
        }
        Object tenant = jwt.getClaim("tenant");
        // Custom claims may come back as JSON-P values, whose toString() would keep the quotes.
        String name = tenant instanceof JsonString js ? js.getString() : tenant == null ? null : tenant.toString();
        return new Viewer(staff, name);
    }
}
