package dev.surety.agreement.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import dev.surety.agreement.AgreementNotFoundException;
import dev.surety.agreement.LifecycleConflictException;
import dev.surety.agreement.MaintenanceWindowConflictException;
import dev.surety.agreement.MaintenanceWindowNotFoundException;
import dev.surety.agreement.VersionMismatchException;
import dev.surety.agreement.rest.Problem.FieldError;
import io.quarkus.security.ForbiddenException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns the failures a client can cause into RFC 9457 problem responses that name each offending
 * field by its JSON path. Messages are written here; exception texts, class names and stack traces
 * never reach the client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue)) {
            // The service broke its own response contract: a server bug, not the client's fault.
            LOG.error("response failed validation", e);
            return problem(Response.Status.INTERNAL_SERVER_ERROR, "internal-error", "Internal server error",
                    "The server could not produce a valid response.", List.of());
        }
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(JsonPaths.of(v.getPropertyPath()), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return invalid(errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.", errors);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = JsonPaths.of(e.getPath());
        String message = e instanceof PropertyBindingException ? "unknown property" : expected(e.getTargetType());
        return invalid("The request body does not have the expected shape.", List.of(new FieldError(field, message)));
    }

    /**
     * The JSON reader reports unreadable JSON as a 400 {@link WebApplicationException} carrying the
     * parser error. Other web exceptions (405, 406, 415, ...) keep their status and headers and get
     * a problem body unless they carry one of their own.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof MismatchedInputException m) {
            return mismatchedInput(m);
        }
        if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return invalid("The request body does not have the expected shape.",
                    List.of(new FieldError(JsonPaths.of(m.getPath()), "has an invalid value")));
        }
        if (e.getCause() instanceof JsonProcessingException p) {
            JsonLocation at = p.getLocation();
            String where = at == null || at.getLineNr() < 0 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return invalid("The request body is not valid JSON.",
                    List.of(new FieldError(JsonPaths.BODY, "malformed JSON" + where)));
        }
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        Response.StatusType status = response.getStatusInfo();
        String reason = status.getReasonPhrase() == null ? "HTTP error" : status.getReasonPhrase();
        return Response.fromResponse(response)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + "http-" + status.getStatusCode(), reason,
                        status.getStatusCode(), reason + ".", List.of()))
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(AgreementNotFoundException e) {
        return problem(Response.Status.NOT_FOUND, "not-found", "Agreement not found",
                "No agreement with this id exists for the caller.", List.of());
    }

    @ServerExceptionMapper
    public Response windowNotFound(MaintenanceWindowNotFoundException e) {
        return problem(Response.Status.NOT_FOUND, "not-found", "Maintenance window not found",
                "The agreement's current version has no maintenance window with this id.", List.of());
    }

    @ServerExceptionMapper
    public Response windowConflict(MaintenanceWindowConflictException e) {
        return problem(Response.Status.CONFLICT, "window-conflict", "Maintenance window exists",
                "The agreement already has a maintenance window with this id; choose another id or withdraw it first.",
                List.of(new FieldError("windowId", "must differ from the ids of the agreement's windows")));
    }

    /** The If-Match names a version that is no longer current: someone else changed the agreement. */
    @ServerExceptionMapper
    public Response versionMismatch(VersionMismatchException e) {
        return problem(Response.Status.PRECONDITION_FAILED, "stale-version", "Version mismatch",
                "The agreement is no longer at version " + e.expected()
                        + "; it was changed meanwhile. Read it again (GET) and retry with its current ETag.",
                List.of(new FieldError(IfMatch.HEADER, "does not name the current version")));
    }

    @ServerExceptionMapper
    public Response lifecycleConflict(LifecycleConflictException e) {
        return problem(Response.Status.CONFLICT, "lifecycle-conflict", "Not allowed in this status",
                "The agreement's status does not allow this change.", List.of(new FieldError("status", e.getMessage())));
    }

    @ServerExceptionMapper
    public Response preconditionRequired(PreconditionRequiredException e) {
        return problem(Response.Status.PRECONDITION_REQUIRED, "precondition-required", "If-Match required",
                "Send If-Match with the ETag of the version the change is based on (e.g. If-Match: \"3\").",
                List.of(new FieldError(IfMatch.HEADER, "is required")));
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return invalid("1 field is invalid.", List.of(new FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(Response.Status.FORBIDDEN, "forbidden", "Forbidden",
                "The caller's roles do not allow this operation.", List.of());
    }

    @ServerExceptionMapper
    public Response importRejected(AgreementAsCodeResource.ImportRejectedException e) {
        List<FieldError> errors = e.errors();
        // 422 Unprocessable Content has no constant in Response.Status.
        return Response.status(422)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + "import-rejected", "Documents cannot be imported", 422,
                        errors.size() == 1 ? "1 problem in the documents." : errors.size() + " problems in the documents.",
                        errors))
                .build();
    }

    private static Response invalid(String detail, List<FieldError> errors) {
        return problem(Response.Status.BAD_REQUEST, "invalid-request", "Invalid request", detail, errors);
    }

    static Response problem(Response.Status status, String type, String title, String detail,
                            List<FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + type, title, status.getStatusCode(), detail, errors))
                .build();
    }

    private static boolean isReturnValue(ConstraintViolation<?> v) {
        Path path = v.getPropertyPath();
        return StreamSupport.stream(path.spliterator(), false).anyMatch(n -> n.getKind() == ElementKind.RETURN_VALUE);
    }

    /** What a JSON value of the target type looks like, in words a client understands. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }
}
