package dev.surety.detector.rest;

import dev.surety.detector.repository.PeerStatusClient;
import dev.surety.detector.service.StatusService;
import dev.surety.detector.service.Viewer;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Live status and current-period history of an agreement's objectives, served from the detector's state stores; a request
 * may reach any detector instance, which asks the owner of each objective's state.
 */
@Path("/v1/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Status", description = "Live breach, burn-rate and compliance state per objective, and the period history")
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@APIResponse(responseCode = "400", description = "Malformed id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "Role not allowed")
@APIResponse(responseCode = "404", description = "Unknown agreement or objective, or another tenant's",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "State not queryable now: starting, restoring or rebalancing, "
        + "or the instance owning it does not answer; retry after the given seconds",
        headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class StatusResource {

    private static final String[] STAFF = {"provider-admin", "ops", "billing"};
    private static final String PREVIOUS = "previous";
    private static final String PERIODS = "current|previous";
    private static final String PERIOD_MESSAGE = "must be current or previous";

    private final StatusService service;
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;

    StatusResource(StatusService service, SecurityIdentity identity, JsonWebToken jwt) {
        this.service = service;
        this.identity = identity;
        this.jwt = jwt;
    }

    @GET
    @Path("/{agreementId}")
    @RolesAllowed({"provider-admin", "ops", "billing", "customer"})
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Status of an agreement's objectives",
            description = "Per objective of the version in force: the SLI and burn rate over the threshold rule's "
                    + "window and over each burn-rate rule's long and short windows, the open breaches, a running "
                    + "no-data episode, and the current compliance period with attainment and error budget so far. "
                    + "Any detector instance answers; state owned by another instance is fetched from it. "
                    + "A customer sees only its own tenant's agreements; another tenant's is reported as not found.")
    @APIResponse(responseCode = "200", description = "The agreement's live status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementStatus.class)))
    public AgreementStatus status(@PathParam("agreementId") @Size(min = 1, max = 128) String agreementId,
                                  @Parameter(hidden = true) @HeaderParam(PeerStatusClient.FORWARDED_HEADER) String forwardedBy) {
        return service.agreement(agreementId, caller(forwardedBy));
    }

    @GET
    @Path("/{agreementId}/objectives/{objectiveId}")
    @RolesAllowed({"provider-admin", "ops", "billing", "customer"})
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Status of one objective",
            description = "The same figures as one entry of the agreement's status. Detector instances also use it "
                    + "to ask each other for state they own (then with the header X-Surety-Forwarded-By, and "
                    + "such a request is never forwarded again).")
    @APIResponse(responseCode = "200", description = "The objective's live status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObjectiveStatus.class)))
    public ObjectiveStatus objective(@PathParam("agreementId") @Size(min = 1, max = 128) String agreementId,
                                     @PathParam("objectiveId") @Size(min = 1, max = 128) String objectiveId,
                                     @Parameter(hidden = true) @HeaderParam(PeerStatusClient.FORWARDED_HEADER) String forwardedBy) {
        return service.objective(agreementId, objectiveId, caller(forwardedBy));
    }

    @GET
    @Path("/{agreementId}/history")
    @RolesAllowed({"provider-admin", "ops", "billing", "customer"})
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Hour-by-hour history of the current compliance period",
            description = "Per objective of the version in force: the current period (the one the status reports; "
                    + "period=previous: the one before it) in hourly buckets of the good and valid units its "
                    + "attainment counts — events, or judged slices by their start, open slices with their current "
                    + "verdict; excluded maintenance and events removed — so the buckets sum to the status's "
                    + "currentPeriod good and total; excluded maintenance per hour; every breach episode and no-data "
                    + "episode open at some time during the period. Any detector instance answers; state owned by "
                    + "another instance is fetched from it. A customer sees only its own tenant's agreements; "
                    + "another tenant's is reported as not found.")
    @APIResponse(responseCode = "200", description = "The agreement's period history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryReport.class)))
    public HistoryReport history(@PathParam("agreementId") @Size(min = 1, max = 128) String agreementId,
                                 @Parameter(description = "current (default) or previous: the last finished period")
                                 @QueryParam("period") @Pattern(regexp = PERIODS, message = PERIOD_MESSAGE) String period,
                                 @Parameter(hidden = true) @HeaderParam(PeerStatusClient.FORWARDED_HEADER) String forwardedBy) {
        return service.agreementHistory(agreementId, PREVIOUS.equals(period), caller(forwardedBy));
    }

    @GET
    @Path("/{agreementId}/objectives/{objectiveId}/history")
    @RolesAllowed({"provider-admin", "ops", "billing", "customer"})
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Hour-by-hour history of one objective's current compliance period",
            description = "The same as one entry of the agreement's history. Detector instances also use it to ask "
                    + "each other for state they own (then with the header X-Surety-Forwarded-By, and such a "
                    + "request is never forwarded again).")
    @APIResponse(responseCode = "200", description = "The objective's period history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObjectiveHistory.class)))
    public ObjectiveHistory objectiveHistory(@PathParam("agreementId") @Size(min = 1, max = 128) String agreementId,
                                             @PathParam("objectiveId") @Size(min = 1, max = 128) String objectiveId,
                                             @Parameter(description = "current (default) or previous: the last finished period")
                                             @QueryParam("period") @Pattern(regexp = PERIODS, message = PERIOD_MESSAGE) String period,
                                             @Parameter(hidden = true) @HeaderParam(PeerStatusClient.FORWARDED_HEADER) String forwardedBy) {
        return service.objectiveHistory(agreementId, objectiveId, PREVIOUS.equals(period), caller(forwardedBy));
    }

    private StatusService.Caller caller(String forwardedBy) {
        return new StatusService.Caller(viewer(), jwt.getRawToken(), forwardedBy != null);
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
