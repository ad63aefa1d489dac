package dev.surety.credit.rest;

import dev.surety.credit.service.ClaimQueryService;
import dev.surety.credit.service.ClaimService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Customers claim the credits of claim-required agreements; billing and ops read the claims. */
@Path("/v1/claims")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Claims", description = "Customer claims of credits that must be claimed")
@SecurityRequirement(name = "jwt")
public class ClaimResource {

    private final ClaimService claims;
    private final ClaimQueryService queries;
    private final CreditMapper mapper;
    private final JsonWebToken jwt;

    public ClaimResource(ClaimService claims, ClaimQueryService queries, CreditMapper mapper, JsonWebToken jwt) {
        this.claims = claims;
        this.queries = queries;
        this.mapper = mapper;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("customer")
    @Operation(summary = "Claim a credit",
            description = "The customer claims the ENTITLED credit of one of its agreements for one period, at the "
                    + "latest at the claim deadline (period end + the agreement's claim window in days). The credit "
                    + "becomes CLAIMED and at once ISSUED: billing receives a CreditIssued event. Claiming again "
                    + "returns the same claim (200).")
    @APIResponse(responseCode = "201", description = "Claim accepted, credit issued",
            content = @Content(schema = @Schema(implementation = ClaimView.class)))
    @APIResponse(responseCode = "200", description = "The credit was already claimed: the same claim",
            content = @Content(schema = @Schema(implementation = ClaimView.class)))
    @APIResponse(responseCode = "400", description = "Missing or malformed field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Only customers claim")
    @APIResponse(responseCode = "404", description = "No such agreement of the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The agreement's credits are issued automatically",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No credit for that period or objective, nothing owed, or "
            + "the claim window closed", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Uni<Response> claim(@Valid @NotNull(message = "a JSON body is required") ClaimRequest request) {
        Instant periodStart = Params.instant("periodStart", request.periodStart(), true);
        String tenant = CallerScope.tenantOf(jwt);
        return claims.claim(request.agreementId(), blankToNull(request.objectiveId()), periodStart,
                        tenant == null ? "" : tenant, jwt.getName() == null ? "unknown" : jwt.getName())
                .map(result -> {
                    ClaimView view = mapper.toClaim(result.credit());
                    return result.created()
                            ? Response.created(URI.create("/v1/claims?agreementId=" + view.agreementId()))
                            .entity(view).build()
                            : Response.ok(view).build();
                });
    }

    @GET
    @RolesAllowed({"customer", "billing", "ops", "provider-admin"})
    @Operation(summary = "List claims", description = "Newest claim first. A customer sees only its own claims; "
            + "billing, ops and provider-admin see all.")
    @APIResponse(responseCode = "200", description = "One page of claims",
            content = @Content(schema = @Schema(implementation = ClaimPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role may not read claims")
    public Uni<ClaimPage> list(
            @Parameter(description = "Only claims of this agreement") @QueryParam("agreementId") String agreementId,
            @Parameter(description = "Only claims of this tenant") @QueryParam("customer") String customer,
            @Parameter(description = "Zero-based page number") @QueryParam("page") @DefaultValue("0")
            @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number from 0") String page,
            @Parameter(description = "Page size, 1 to 100") @QueryParam("size") @DefaultValue("20")
            @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number from 1 to 100")
            @Min(value = 1, message = "must be a whole number from 1 to 100")
            @Max(value = 100, message = "must be a whole number from 1 to 100") String size) {
        int p = Integer.parseInt(page);
        int s = Integer.parseInt(size);
        return queries.list(CallerScope.tenantOf(jwt), agreementId, customer, p, s)
                .map(r -> new ClaimPage(r.items().stream().map(mapper::toClaim).toList(), p, s, r.total()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
