package dev.surety.agreement.rest;

import static dev.surety.agreement.Roles.BILLING;
import static dev.surety.agreement.Roles.CUSTOMER;
import static dev.surety.agreement.Roles.OPS;
import static dev.surety.agreement.Roles.PROVIDER_ADMIN;

import dev.surety.agreement.Agreement;
import dev.surety.agreement.AgreementNotFoundException;
import dev.surety.agreement.Lifecycle;
import dev.surety.agreement.repository.ListFilter;
import dev.surety.events.AgreementStatus;
import dev.surety.agreement.messaging.OutboxRelay;
import dev.surety.agreement.service.AgreementMetrics;
import dev.surety.agreement.service.AgreementService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Agreements over HTTP. Provider admins create, edit, move along the lifecycle and delete (drafts)
 * them; provider staff read every tenant's, a customer only its own (another tenant's agreement is
 * reported as not found).
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
            description = "Creates version 1 of an agreement, as DRAFT unless the body says \"status\": \"ACTIVE\""
                    + " (create and activate in one step), and queues its snapshot event for the agreements topic"
                    + " in the same transaction. Omitted fields take their documented defaults.")
    @APIResponse(responseCode = "201", description = "Created; Location names the agreement, ETag its version",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; every offending field is named"
            + " (status other than DRAFT or ACTIVE included)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(
            @RequestBody(required = true, description = "The agreement's terms",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AgreementRequest.class),
                            examples = @ExampleObject(name = "cloud-compute",
                                    summary = "A cloud-provider style agreement using every part of the model",
                                    value = OpenApiExamples.AGREEMENT)))
            @Valid @NotNull(message = "request body is required") AgreementRequest request,
                                @Context UriInfo uriInfo) {
        AgreementStatus status = request.status() == null ? AgreementStatus.DRAFT : request.status();
        if (!Lifecycle.INITIAL.contains(status)) {
            throw new InvalidParameterException("status", "must be DRAFT or ACTIVE when creating an agreement");
        }
        return agreements.create(callers.current(), mapper.toTerms(request), status)
                // After the commit: the agreement exists and its event is queued; relay it right away.
                .invoke(() -> {
                    metrics.agreementCreated();
                    relay.wakeUp();
                })
                // From the base URI, so that creations through other paths (import) name the agreement alike.
                .map(a -> Response.created(uriInfo.getBaseUriBuilder().path(AgreementResource.class)
                                .path(a.id().toString()).build())
                        .tag(etag(a.version()))
                        .entity(mapper.toResponse(a))
                        .build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(PROVIDER_ADMIN)
    @Operation(summary = "Replace an agreement's terms",
            description = "Writes the terms as a new immutable version (version + 1) with the same status, and queues"
                    + " its snapshot event in the same transaction. Same body and validation as create; a missing"
                    + " effectiveFrom keeps the current one; a status in the body must equal the current one."
                    + " Requires If-Match with the ETag of the version the edit is based on: of two edits based on"
                    + " the same version exactly one succeeds, the other gets 412.")
    @APIResponse(responseCode = "200", description = "The new version; ETag is its number",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request or If-Match; every offending field is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such agreement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The agreement is TERMINATED, or the body asks for another status",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version (changed meanwhile)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(
            @Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
            @Parameter(description = "ETag of the version the edit is based on, e.g. \"3\"", required = true)
            @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull(message = "request body is required") AgreementRequest request) {
        UUID uuid = uuid(id);
        int expected = IfMatch.required(ifMatch);
        return agreements.update(callers.current(), uuid, expected, mapper.toTerms(request),
                        Optional.ofNullable(request.status()))
                .invoke(() -> {
                    metrics.agreementUpdated();
                    relay.wakeUp();
                })
                .map(a -> Response.ok(mapper.toResponse(a)).tag(etag(a.version())).build());
    }

    @POST
    @Path("{id}/lifecycle")
    @RolesAllowed(PROVIDER_ADMIN)
    @Operation(summary = "Change an agreement's status",
            description = "Moves the agreement along its lifecycle as a new immutable version with unchanged terms."
                    + " Allowed: DRAFT -> ACTIVE; ACTIVE -> SUSPENDED or TERMINATED; SUSPENDED -> ACTIVE or"
                    + " TERMINATED. TERMINATED is final; a DRAFT is never terminated (delete it instead)."
                    + " Requires If-Match.")
    @APIResponse(responseCode = "200", description = "The new version; ETag is its number",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such agreement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Transition not allowed; the error on `status` lists the allowed ones",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> transition(
            @Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
            @Parameter(description = "ETag of the version the change is based on, e.g. \"3\"", required = true)
            @HeaderParam(IfMatch.HEADER) String ifMatch,
            @Valid @NotNull(message = "request body is required") LifecycleRequest request) {
        UUID uuid = uuid(id);
        int expected = IfMatch.required(ifMatch);
        return agreements.transition(callers.current(), uuid, expected, request.status())
                .invoke(() -> {
                    metrics.agreementTransitioned();
                    relay.wakeUp();
                })
                .map(a -> Response.ok(mapper.toResponse(a)).tag(etag(a.version())).build());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(PROVIDER_ADMIN)
    @Operation(summary = "Delete a draft agreement",
            description = "Deletes a DRAFT agreement with all its versions and queues a tombstone (key = agreement id,"
                    + " null value, no CloudEvents headers) so the compacted agreements topic forgets it. An agreement"
                    + " that has been active is terminated instead. If-Match is optional; when sent it must be current.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "Invalid If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such agreement",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The agreement is not a DRAFT",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(
            @Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
            @Parameter(description = "Optional ETag of the version the deletion is based on")
            @HeaderParam(IfMatch.HEADER) String ifMatch) {
        UUID uuid = uuid(id);
        OptionalInt expected = IfMatch.optional(ifMatch);
        return agreements.delete(callers.current(), uuid, expected)
                .invoke(() -> {
                    metrics.agreementDeleted();
                    relay.wakeUp();
                })
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({PROVIDER_ADMIN, OPS, BILLING, CUSTOMER})
    @Operation(summary = "Get an agreement",
            description = "The agreement as of its current version, or with `at` the version in force at that instant"
                    + " (the latest version written at or before it).")
    @APIResponse(responseCode = "200", description = "The agreement; ETag is the returned version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "400", description = "`at` is not an ISO-8601 instant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such agreement, it belongs to another tenant, or it did not"
            + " exist yet at `at`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(
            @Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
            @Parameter(description = "ISO-8601 instant, e.g. 2026-03-01T00:00:00Z: return the version in force then")
            @QueryParam("at") String at) {
        UUID uuid = uuid(id);
        Uni<Agreement> found = at == null ? agreements.get(callers.current(), uuid)
                : agreements.getAt(callers.current(), uuid, instant("at", at));
        return found.map(a -> Response.ok(mapper.toResponse(a)).tag(etag(a.version())).build());
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({PROVIDER_ADMIN, OPS, BILLING, CUSTOMER})
    @Operation(summary = "List an agreement's versions",
            description = "The history of the agreement, oldest version first: number, status, when and by whom each"
                    + " version was written. The full terms of a version: GET /v1/agreements/{id}?at=<its createdAt>.")
    @APIResponse(responseCode = "200", description = "One page of versions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgreementVersionPageResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such agreement, or it belongs to another tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AgreementVersionPageResponse> versions(
            @Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
            @Parameter(description = "Zero-based page index") @QueryParam("page") @DefaultValue("0")
            @Min(value = 0, message = "must be 0 or more") int page,
            @Parameter(description = "Page size, 1 to 100") @QueryParam("size") @DefaultValue("20")
            @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100")
            int size) {
        return agreements.history(callers.current(), uuid(id), page, size).map(mapper::toResponse);
    }

    @GET
    @RolesAllowed({PROVIDER_ADMIN, OPS, BILLING, CUSTOMER})
    @Operation(summary = "List agreements",
            description = "Agreements the caller may see, newest first, optionally filtered by customer, status and"
                    + " service (exact matches). A customer sees only its own tenant's.")
    @APIResponse(responseCode = "200", description = "One page of agreements",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgreementPageResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging parameters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AgreementPageResponse> list(
            @Parameter(description = "Only agreements with this customer (tenant id)")
            @QueryParam("customer") @Size(max = 100) String customer,
            @Parameter(description = "Only agreements whose current status is this one",
                    schema = @Schema(enumeration = {"DRAFT", "ACTIVE", "SUSPENDED", "TERMINATED"}))
            @QueryParam("status")
            @Pattern(regexp = "DRAFT|ACTIVE|SUSPENDED|TERMINATED",
                    message = "must be one of DRAFT, ACTIVE, SUSPENDED, TERMINATED") String status,
            @Parameter(description = "Only agreements for this service")
            @QueryParam("service") @Size(max = 200) String service,
            @Parameter(description = "Zero-based page index") @QueryParam("page") @DefaultValue("0")
            @Min(value = 0, message = "must be 0 or more") int page,
            @Parameter(description = "Page size, 1 to 100") @QueryParam("size") @DefaultValue("20")
            @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100")
            int size) {
        ListFilter filter = new ListFilter(present(customer), present(status).map(AgreementStatus::valueOf),
                present(service));
        return agreements.list(callers.current(), filter, page, size).map(mapper::toResponse);
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /** An id that cannot exist is simply not found. */
    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new AgreementNotFoundException(id);
        }
    }

    static Instant instant(String name, String value) {
        try {
            return DateTimeFormatter.ISO_INSTANT.parse(value.strip(), Instant::from);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }

    static EntityTag etag(int version) {
        return new EntityTag(Integer.toString(version));
    }
}
