package dev.surety.agreement.rest;

import static dev.surety.agreement.Roles.BILLING;
import static dev.surety.agreement.Roles.CUSTOMER;
import static dev.surety.agreement.Roles.OPS;
import static dev.surety.agreement.Roles.PROVIDER_ADMIN;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.surety.agreement.Agreement;
import dev.surety.agreement.openslo.ImportError;
import dev.surety.agreement.openslo.OpenSloExporter;
import dev.surety.agreement.openslo.OpenSloImportException;
import dev.surety.agreement.openslo.OpenSloImporter;
import dev.surety.agreement.rest.Problem.FieldError;
import dev.surety.agreement.service.AgreementService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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
 * Agreements as code: OpenSLO v1 documents plus Surety's {@code kind: Agreement} extension document
 * in (a new agreement, through the same validation as a JSON create) and out (any version).
 */
@Path("/v1/agreements")
@Tag(name = "Agreements as code", description = "OpenSLO v1 import and export (see docs/openslo.md)")
@SecurityRequirement(name = "bearer-jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token's roles do not allow this operation",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AgreementAsCodeResource {

    /** The media type of OpenSLO documents (multi-document YAML). */
    public static final String YAML = "application/yaml";

    private final AgreementService agreements;
    private final AgreementResource creation;
    private final CallerFactory callers;
    private final Validator validator;
    private final ObjectMapper json;

    /** Creation itself is POST /v1/agreements' own: the same checks, events, metrics and answer. */
    public AgreementAsCodeResource(AgreementService agreements, AgreementResource creation, CallerFactory callers,
            Validator validator, ObjectMapper json) {
        this.agreements = agreements;
        this.creation = creation;
        this.callers = callers;
        this.validator = validator;
        this.json = json;
    }

    @POST
    @Path("import")
    @RolesAllowed(PROVIDER_ADMIN)
    @Consumes({YAML, "application/x-yaml", "text/yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an agreement from OpenSLO documents",
            description = "Reads OpenSLO v1 Service, SLI, SLO, AlertPolicy, AlertCondition and DataSource documents and"
                    + " one `apiVersion: surety.dev/v1`, `kind: Agreement` document (parties, dates, breach rules,"
                    + " exclusions, credit schedule), in any order, and creates version 1 of the agreement they describe"
                    + " exactly as POST /v1/agreements would. Nothing is ignored: every unsupported kind, field or value is"
                    + " reported with its path in the documents, all of them in one 422 answer.")
    @APIResponse(responseCode = "201", description = "Created; Location names the agreement, ETag its version",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AgreementResponse.class)))
    @APIResponse(responseCode = "422", description = "The documents cannot be imported. Each error names a path in"
            + " the documents (e.g. `documents[2].spec.indicator.spec.ratioMetric.good.metricSource.type`) or, for a"
            + " rule of the agreement model they break, the field of the agreement they produce (e.g."
            + " `objectives[0].target`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not sent as application/yaml")
    public Uni<Response> importAgreement(
            @RequestBody(required = true, description = "OpenSLO v1 documents and the Surety Agreement document",
                    content = @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "checkout", value = OpenApiExamples.OPENSLO)))
            String documents,
            @Parameter(description = "DRAFT (default) or ACTIVE to create and activate in one step")
            @QueryParam("status") @DefaultValue("DRAFT") String status,
            @Context UriInfo uriInfo) {
        if (!"DRAFT".equals(status) && !"ACTIVE".equals(status)) {
            throw new InvalidParameterException("status", "must be DRAFT or ACTIVE when importing an agreement");
        }
        return creation.create(toRequest(documents == null ? "" : documents, status), uriInfo);
    }

    @GET
    @Path("{id}/export")
    @RolesAllowed({PROVIDER_ADMIN, OPS, BILLING, CUSTOMER})
    @Produces(YAML)
    @Operation(summary = "Export an agreement as OpenSLO documents",
            description = "The current version (or the one in force at `at`) as OpenSLO v1 documents plus the Surety"
                    + " Agreement document. Importing the result creates an equal agreement.")
    @APIResponse(responseCode = "200", description = "Multi-document YAML; ETag is the exported version",
            content = @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such agreement (or another tenant's, for a customer)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> export(
            @Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
            @Parameter(description = "Export the version in force at this instant (ISO-8601)") @QueryParam("at") String at) {
        UUID uuid = AgreementResource.uuid(id);
        Uni<Agreement> found = at == null ? agreements.get(callers.current(), uuid)
                : agreements.getAt(callers.current(), uuid, AgreementResource.instant("at", at));
        return found.map(a -> Response.ok(OpenSloExporter.write(a.toSnapshot()), YAML)
                .tag(AgreementResource.etag(a.version()))
                .header("Content-Disposition", "inline; filename=\"agreement-" + a.id() + "-v" + a.version() + ".yaml\"")
                .build());
    }

    /** The documents as a create request, validated like a JSON body; every problem becomes a 422 error. */
    private AgreementRequest toRequest(String documents, String status) {
        ObjectNode body;
        try {
            body = OpenSloImporter.readAsRequestJson(documents);
            body.put("status", status);
        } catch (OpenSloImportException e) {
            throw new ImportRejectedException(e.errors().stream().map(AgreementAsCodeResource::of).toList());
        }
        AgreementRequest request;
        try {
            request = json.treeToValue(body, AgreementRequest.class);
        } catch (MismatchedInputException e) {
            throw new ImportRejectedException(List.of(new FieldError(JsonPaths.of(e.getPath()),
                    ProblemMappers.expected(e.getTargetType()))));
        } catch (JsonProcessingException e) {
            throw new ImportRejectedException(List.of(new FieldError(JsonPaths.BODY, "the documents do not form an agreement")));
        }
        Set<ConstraintViolation<AgreementRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ImportRejectedException(violations.stream()
                    .map(v -> new FieldError(JsonPaths.of(v.getPropertyPath()), v.getMessage()))
                    .distinct()
                    .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                    .toList());
        }
        return request;
    }

    /** Documents that cannot become an agreement, with every reason. */
    static final class ImportRejectedException extends RuntimeException {

        private final transient List<FieldError> errors;

        ImportRejectedException(List<FieldError> errors) {
            super(errors.size() + " problem(s) in the imported documents", null, false, false);
            this.errors = List.copyOf(errors);
        }

        List<FieldError> errors() {
            return errors;
        }
    }

    /** An import error as a problem's field error: the path names a place in the documents. */
    private static FieldError of(ImportError e) {
        return new FieldError(e.path(), e.message());
    }
}
