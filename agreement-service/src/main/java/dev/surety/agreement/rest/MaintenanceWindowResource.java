package dev.surety.agreement.rest;

import static dev.surety.agreement.Roles.BILLING;
import static dev.surety.agreement.Roles.CUSTOMER;
import static dev.surety.agreement.Roles.OPS;
import static dev.surety.agreement.Roles.PROVIDER_ADMIN;
import static dev.surety.agreement.rest.AgreementResource.etag;
import static dev.surety.agreement.rest.AgreementResource.uuid;

import dev.surety.agreement.Agreement;
import dev.surety.agreement.MaintenanceWindowNotFoundException;
import dev.surety.agreement.messaging.OutboxRelay;
import dev.surety.agreement.rest.AgreementRequest.MaintenanceWindowInput;
import dev.surety.agreement.service.AgreementMetrics;
import dev.surety.agreement.service.AgreementService;
import dev.surety.events.MaintenanceWindow;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
 * The maintenance windows of an agreement's current version. Announcing or withdrawing a window
 * is a change of the agreement: it writes a new version (with its snapshot event and author) and
 * needs If-Match like any edit. A window announced later than the agreement's minimum notice is
 * stored and flagged {@code excludable: false}, never refused.
 */
@Path("/v1/agreements/{id}/maintenance-windows")
@Tag(name = "Maintenance windows", description = "Announced maintenance of an agreement")
@SecurityRequirement(name = "bearer-jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token's roles do not allow this operation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such agreement (or another tenant's), or no such window",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MaintenanceWindowResource {

    private final AgreementService agreements;
    private final AgreementApiMapper mapper;
    private final AgreementMetrics metrics;
    private final CallerFactory callers;
    private final OutboxRelay relay;

    public MaintenanceWindowResource(AgreementService agreements, AgreementApiMapper mapper, AgreementMetrics metrics,
                                     CallerFactory callers, OutboxRelay relay) {
        this.agreements = agreements;
        this.mapper = mapper;
        this.metrics = metrics;
        this.callers = callers;
        this.relay = relay;
    }

    @GET
    @RolesAllowed({PROVIDER_ADMIN, OPS, BILLING, CUSTOMER})
    @Operation(summary = "List an agreement's maintenance windows",
            description = "The windows of the current version, with when each was announced and whether it is"
                    + " excludable. A customer sees only its own tenant's agreements.")
    @APIResponse(responseCode = "200", description = "The windows; ETag is the agreement's current version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MaintenanceWindowListResponse.class)))
    public Uni<Response> list(@Parameter(description = "Agreement id (UUID)") @PathParam("id") String id) {
        return agreements.get(callers.current(), uuid(id))
                .map(a -> Response.ok(mapper.toWindowList(a)).tag(etag(a.version())).build());
    }

    @GET
    @Path("{windowId}")
    @RolesAllowed({PROVIDER_ADMIN, OPS, BILLING, CUSTOMER})
    @Operation(summary = "Get one maintenance window", description = "The window as of the current version.")
    @APIResponse(responseCode = "200", description = "The window; ETag is the agreement's current version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MaintenanceWindowView.class)))
    public Uni<Response> get(@Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
                             @Parameter(description = "Window id") @PathParam("windowId") String windowId) {
        return agreements.get(callers.current(), uuid(id))
                .map(a -> Response.ok(AgreementApiMapper.toView(window(a, windowId))).tag(etag(a.version())).build());
    }

    @POST
    @RolesAllowed(PROVIDER_ADMIN)
    @Operation(summary = "Announce a maintenance window",
            description = "Adds the window as a new version of the agreement (same status and terms otherwise) and"
                    + " queues its snapshot event. announcedAt is now; the window is excludable when announcedAt +"
                    + " exclusions.minimumNotice <= start (for a recurring window: its first start). A late window is"
                    + " stored with excludable=false, never refused. Requires If-Match.")
    @APIResponse(responseCode = "201", description = "Announced; Location names the window, ETag the new version",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MaintenanceWindowView.class)))
    @APIResponse(responseCode = "400", description = "Invalid window or If-Match; every offending field is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A window with this id exists, or the agreement is TERMINATED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> announce(
            @Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
            @Parameter(description = "ETag of the version the change is based on, e.g. \"3\"", required = true)
            @HeaderParam(IfMatch.HEADER) String ifMatch,
            @RequestBody(required = true, description = "The window",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MaintenanceWindowInput.class),
                            examples = @ExampleObject(name = "monthly-upgrade",
                                    summary = "A recurring window: first Sunday of the month, three times",
                                    value = OpenApiExamples.WINDOW)))
            @Valid @NotNull(message = "request body is required") MaintenanceWindowInput request,
            @Context UriInfo uriInfo) {
        UUID uuid = uuid(id);
        int expected = IfMatch.required(ifMatch);
        MaintenanceWindow window = AgreementApiMapper.toWindow(request);
        return agreements.addWindow(callers.current(), uuid, expected, window)
                .map(a -> {
                    MaintenanceWindow stored = window(a, window.windowId());
                    metrics.windowAnnounced(stored.excludable());
                    relay.wakeUp();
                    return Response.created(uriInfo.getAbsolutePathBuilder().path(stored.windowId()).build())
                            .tag(etag(a.version()))
                            .entity(AgreementApiMapper.toView(stored))
                            .build();
                });
    }

    @DELETE
    @Path("{windowId}")
    @RolesAllowed(PROVIDER_ADMIN)
    @Operation(summary = "Withdraw a maintenance window",
            description = "Removes the window as a new version of the agreement and queues its snapshot event. Earlier"
                    + " versions keep the window, so time it excluded while they were in force stays excluded."
                    + " Requires If-Match.")
    @APIResponse(responseCode = "204", description = "Withdrawn; ETag is the new version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The agreement is TERMINATED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> withdraw(
            @Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
            @Parameter(description = "Window id") @PathParam("windowId") String windowId,
            @Parameter(description = "ETag of the version the change is based on, e.g. \"3\"", required = true)
            @HeaderParam(IfMatch.HEADER) String ifMatch) {
        UUID uuid = uuid(id);
        int expected = IfMatch.required(ifMatch);
        return agreements.removeWindow(callers.current(), uuid, expected, windowId)
                .map(a -> {
                    metrics.windowWithdrawn();
                    relay.wakeUp();
                    return Response.noContent().tag(etag(a.version())).build();
                });
    }

    private static MaintenanceWindow window(Agreement a, String windowId) {
        return a.terms().exclusions().maintenanceWindows().stream()
                .filter(w -> w.windowId().equals(windowId))
                .findFirst()
                .orElseThrow(() -> new MaintenanceWindowNotFoundException(windowId));
    }
}
