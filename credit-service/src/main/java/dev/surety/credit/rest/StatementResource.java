package dev.surety.credit.rest;

import dev.surety.credit.service.StatementService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Credit statements per customer and time range, as JSON or CSV. */
@Path("/v1/statements")
@RolesAllowed({"provider-admin", "ops", "billing", "customer"})
@Tag(name = "Statements", description = "Credit statements per customer and period, for billing and customers")
@SecurityRequirement(name = "jwt")
public class StatementResource {

    static final String TEXT_CSV = "text/csv";

    private final StatementService statements;
    private final StatementMapper mapper;
    private final JsonWebToken jwt;

    public StatementResource(StatementService statements, StatementMapper mapper, JsonWebToken jwt) {
        this.statements = statements;
        this.mapper = mapper;
        this.jwt = jwt;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(summary = "Credit statement of one customer",
            description = "For one period (periodStart) or the periods starting in [from, to): each objective's "
                    + "attainment, target, excluded minutes and breaches, every credit of the customer (any state), "
                    + "ordered by period start, agreement and objective, with totals per currency. JSON by default; "
                    + "CSV (RFC 4180, header row, CRLF) with Accept: text/csv or format=csv. A customer may only "
                    + "ask for its own tenant: another tenant's statement is 404.")
    @APIResponse(responseCode = "200", description = "The statement", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatementView.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING,
                    description = "Header record,creditId,agreementId,objectiveId,periodStart,periodEnd,status,"
                            + "attainment,target,excludedMinutes,breaches,tierBelowPercent,creditPercent,amount,"
                            + "currency,state; OBJECTIVE, CREDIT and TOTAL rows"))})
    @APIResponse(responseCode = "400", description = "Missing or invalid customer, periodStart, from, to or format",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token")
    @APIResponse(responseCode = "403", description = "Role may not read statements")
    @APIResponse(responseCode = "404", description = "A customer asked for another tenant's statement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> statement(
            @Parameter(description = "Tenant the statement is for", required = true) @QueryParam("customer")
            String customer,
            @Parameter(description = "ISO-8601 instant: the statement of the period starting exactly then "
                    + "(instead of from/to)", example = "2026-10-01T00:00:00Z") @QueryParam("periodStart")
            String periodStart,
            @Parameter(description = "ISO-8601 instant, inclusive: periods starting at or after it (with to)",
                    example = "2026-10-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive: periods starting before it (with from)",
                    example = "2027-01-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "csv or json; overrides the Accept header") @QueryParam("format")
            @Pattern(regexp = "csv|json", message = "must be csv or json") String format,
            @Context HttpHeaders headers) {
        if (customer == null || customer.isBlank()) {
            throw new InvalidParameterException("customer", "is required");
        }
        Instant start;
        Instant end;
        if (periodStart != null && !periodStart.isBlank()) {
            if (from != null || to != null) {
                throw new InvalidParameterException("periodStart", "give either periodStart or from and to");
            }
            start = Params.instant("periodStart", periodStart, true);
            // periods start on whole seconds at the finest: one millisecond selects exactly one period start
            end = start.plusMillis(1);
        } else {
            start = Params.instant("from", from, true);
            end = Params.instant("to", to, true);
            if (!end.isAfter(start)) {
                throw new InvalidParameterException("to", "must be after from");
            }
        }
        boolean csv = format != null ? "csv".equals(format) : wantsCsv(headers);
        return statements.statement(customer, start, end, CallerScope.tenantOf(jwt))
                .map(st -> mapper.toView(customer, start, end, st.objectives(), st.credits()))
                .map(view -> csv
                        ? Response.ok(mapper.toCsv(view), TEXT_CSV + ";charset=UTF-8").build()
                        : Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build());
    }

    /** CSV only when the client prefers it; a wildcard or JSON first means JSON. */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            if ("text".equalsIgnoreCase(m.getType()) && "csv".equalsIgnoreCase(m.getSubtype())) {
                return true;
            }
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
