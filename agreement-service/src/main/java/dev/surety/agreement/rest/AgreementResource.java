package dev.surety.agreement.rest;

import static dev.surety.agreement.Roles.BILLING;
import static dev.surety.agreement.Roles.CUSTOMER;
import static dev.surety.agreement.Roles.OPS;
import static dev.surety.agreement.Roles.PROVIDER_ADMIN;

import dev.surety.agreement.AgreementNotFoundException;
import dev.surety.agreement.messaging.OutboxRelay;
import dev.surety.agreement.service.AgreementMetrics;
import dev.surety.agreement.service.AgreementService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.UUID;
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
 * Agreements over HTTP. Provider admins create them; provider staff read every tenant's, a
 * customer only its own (another tenant's agreement is reported as not found).
 */
@Path("/v1/agreements")
@Tag(name = "Agreements", description = "Service level agreements and their versions")
@SecurityRequirement(name = "bearer-jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token's roles do not allow this operation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AgreementResource {

    private final AgreementService agreements;
    private final AgreementApiMapper mapper;
    private final AgreementMetrics metrics;
    private final CallerFactory callers;
    private final OutboxRelay relay;

    public AgreementResource(AgreementService agreements, AgreementApiMapper mapper, AgreementMetrics metrics,
                             CallerFactory callers, OutboxRelay relay) {
        this.agreements = agreements;
        this.mapper = mapper;
        this.metrics = metrics;
        this.callers = callers;
        this.relay = relay;
    }

    @POST
    @RolesAllowed(PROVIDER_ADMIN)
    @Operation(summary = "Create an agreement",
            description = "Creates version 1 of an agreement (status ACTIVE) and queues its snapshot event for the"
                    + " agreements topic in the same transaction. Omitted fields take their documented defaults.")
    @APIResponse(responseCode = "201", description = "Created; Location names the agreement, ETag its version",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; every offending field is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull(message = "request body is required") AgreementRequest request,
                                @Context UriInfo uriInfo) {
        return agreements.create(callers.current(), mapper.toTerms(request))
                // After the commit: the agreement exists and its event is queued; relay it right away.
                .invoke(() -> {
                    metrics.agreementCreated();
                    relay.wakeUp();
                })
                .map(a -> Response.created(uriInfo.getAbsolutePathBuilder().path(a.id().toString()).build())
                        .tag(etag(a.version()))
                        .entity(mapper.toResponse(a))
                        .build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({PROVIDER_ADMIN, OPS, BILLING, CUSTOMER})
    @Operation(summary = "Get an agreement", description = "The agreement as of its current version.")
    @APIResponse(responseCode = "200", description = "The agreement; ETag is its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "404", description = "No such agreement, or it belongs to another tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@Parameter(description = "Agreement id (UUID)") @PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // An id that cannot exist is simply not found.
            return Uni.createFrom().failure(new AgreementNotFoundException(id));
        }
        return agreements.get(callers.current(), uuid)
                .map(a -> Response.ok(mapper.toResponse(a)).tag(etag(a.version())).build());
    }

    @GET
    @RolesAllowed({PROVIDER_ADMIN, OPS, BILLING, CUSTOMER})
    @Operation(summary = "List agreements",
            description = "Agreements the caller may see, newest first. A customer sees only its own tenant's.")
    @APIResponse(responseCode = "200", description = "One page of agreements",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgreementPageResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AgreementPageResponse> list(
            @Parameter(description = "Only agreements with this customer (tenant id)")
            @QueryParam("customer") @Size(max = 100) String customer,
            @Parameter(description = "Zero-based page index") @QueryParam("page") @DefaultValue("0")
            @Min(value = 0, message = "must be 0 or more") int page,
            @Parameter(description = "Page size, 1 to 100") @QueryParam("size") @DefaultValue("20")
            @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100")
            int size) {
        Optional<String> filter = Optional.ofNullable(customer).filter(c -> !c.isBlank());
        return agreements.list(callers.current(), filter, page, size).map(mapper::toResponse);
    }

    private static EntityTag etag(int version) {
        return new EntityTag(Integer.toString(version));
    }
}
