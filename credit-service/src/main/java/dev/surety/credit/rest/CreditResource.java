package dev.surety.credit.rest;

import dev.surety.credit.CreditState;
import dev.surety.credit.repository.CreditFilter;
import dev.surety.credit.service.CreditApplicationService;
import dev.surety.credit.service.CreditQueryService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The credit ledger, read-only. Staff see every tenant; a customer only its own credits. */
@Path("/v1/credits")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"provider-admin", "ops", "billing", "customer"})
@Tag(name = "Credits", description = "Service credits owed to customers")
@SecurityRequirement(name = "jwt")
public class CreditResource {

    static final String STATES = "ENTITLED|CLAIMED|ISSUED|APPLIED|BELOW_MINIMUM|VOIDED";

    private final CreditQueryService credits;
    private final CreditApplicationService applications;
    private final CreditMapper mapper;
    private final JsonWebToken jwt;

    public CreditResource(CreditQueryService credits, CreditApplicationService applications, CreditMapper mapper,
                          JsonWebToken jwt) {
        this.credits = credits;
        this.applications = applications;
        this.mapper = mapper;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "List credits", description = "Newest first, filtered by agreement, customer (tenant), "
            + "period (from/to on the period start) and state. A customer sees only its own tenant's credits.")
    @APIResponse(responseCode = "200", description = "One page of credits",
            content = @Content(schema = @Schema(implementation = CreditPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role may not read credits")
    public Uni<CreditPage> list(
            @Parameter(description = "Only credits of this agreement") @QueryParam("agreementId") String agreementId,
            @Parameter(description = "Only credits of this tenant") @QueryParam("customer") String customer,
            @Parameter(description = "ENTITLED, CLAIMED, ISSUED, APPLIED, BELOW_MINIMUM or VOIDED") @QueryParam("state")
            @Pattern(regexp = STATES, message = "must be one of " + STATES) String state,
            @Parameter(description = "ISO-8601 instant: only credits whose period starts at or after it",
                    example = "2026-10-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant: only credits whose period starts before it",
                    example = "2027-01-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "Zero-based page number") @QueryParam("page") @DefaultValue("0")
            @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number from 0") String page,
            @Parameter(description = "Page size, 1 to 100") @QueryParam("size") @DefaultValue("20")
            @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number from 1 to 100")
            @Min(value = 1, message = "must be a whole number from 1 to 100")
            @Max(value = 100, message = "must be a whole number from 1 to 100") String size) {
        int p = Integer.parseInt(page);
        int s = Integer.parseInt(size);
        Instant start = Params.instant("from", from, false);
        Instant end = Params.instant("to", to, false);
        if (start != null && end != null && !end.isAfter(start)) {
            throw new InvalidParameterException("to", "must be after from");
        }
        CreditFilter filter = new CreditFilter(CallerScope.tenantOf(jwt), agreementId, customer,
                state == null ? null : CreditState.valueOf(state), start, end, false);
        return credits.list(filter, p, s)
                .map(r -> new CreditPage(r.items().stream().map(mapper::toView).toList(), p, s, r.total()));
    }

    @GET
    @Path("/{creditId}")
    @Operation(summary = "One credit", description = "Another tenant's credit is reported as not found.")
    @APIResponse(responseCode = "200", description = "The credit",
            content = @Content(schema = @Schema(implementation = CreditView.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role may not read credits")
    @APIResponse(responseCode = "404", description = "No such credit visible to the caller",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CreditView> get(@PathParam("creditId") String creditId) {
        return credits.get(creditId, CallerScope.tenantOf(jwt)).map(mapper::toView);
    }

    @POST
    @Path("/{creditId}/applied")
    @RolesAllowed("billing")
    @Operation(summary = "Acknowledge a credit as applied",
            description = "Billing confirms it applied an ISSUED credit: the credit becomes APPLIED with appliedAt "
                    + "and appliedBy. Idempotent: applying an APPLIED credit again returns it unchanged (200), "
                    + "with the first acknowledgement's time and name. An ENTITLED credit (not claimed yet) is 409.")
    @APIResponse(responseCode = "200", description = "The credit, APPLIED",
            content = @Content(schema = @Schema(implementation = CreditView.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Only billing acknowledges credits")
    @APIResponse(responseCode = "404", description = "No such credit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The credit is ENTITLED (awaiting a claim), not ISSUED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CreditView> applied(@PathParam("creditId") String creditId) {
        return applications.apply(creditId, jwt.getName()).map(mapper::toView);
    }
}
