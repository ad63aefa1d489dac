package dev.surety.credit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import dev.surety.credit.service.ClaimRejectedException;
import dev.surety.credit.service.CreditNotFoundException;
import dev.surety.credit.service.CreditNotApplicableException;
import dev.surety.credit.service.StatementNotFoundException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Targeted exception mappers producing problem+json; nothing else is mapped, nothing internal is echoed. */
public class ProblemMappers {

    /** Names of resource-method parameters that are request bodies. */
    private static final java.util.Set<String> BODY_PARAMETERS = java.util.Set.of("request");

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return problem(new Problem("about:blank", "Bad Request", 400, "The request has invalid parameters.", errors));
    }

    @ServerExceptionMapper
    public Response notFound(CreditNotFoundException e) {
        return problem(new Problem("about:blank", "Not Found", 404, "No such credit.", null));
    }

    @ServerExceptionMapper
    public Response conflict(CreditNotApplicableException e) {
        return problem(new Problem("about:blank", "Conflict", 409,
                "Credit is " + e.state() + "; only an ISSUED credit can be applied.", null));
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return problem(new Problem("about:blank", "Bad Request", 400, "The request has invalid parameters.",
                List.of(new Problem.FieldError(e.field(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response noStatement(StatementNotFoundException e) {
        return problem(new Problem("about:blank", "Not Found", 404, "No such statement.", null));
    }

    @ServerExceptionMapper
    public Response claimRejected(ClaimRejectedException e) {
        String title = switch (e.status()) {
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            default -> "Unprocessable Content";
        };
        return problem(new Problem("about:blank", title, e.status(), e.getMessage(),
                e.field() == null ? null : List.of(new Problem.FieldError(e.field(), e.getMessage()))));
    }

    /** A body field of the wrong type or an unknown property: 400 naming the field by its JSON path. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String message = e instanceof PropertyBindingException ? "unknown property" : "has the wrong type";
        return problem(new Problem("about:blank", "Bad Request", 400, "The request body does not have the expected "
                + "shape.", List.of(new Problem.FieldError(jsonPath(e.getPath()), message))));
    }

    /**
     * The JSON reader reports unreadable bodies as a 400 web exception carrying the parser error;
     * other web exceptions keep their status and get a problem body.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof MismatchedInputException m) {
            return mismatchedInput(m);
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return problem(new Problem("about:blank", "Bad Request", 400, "The request body is not valid JSON.",
                    List.of(new Problem.FieldError("body", "malformed JSON"))));
        }
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return problem(new Problem("about:blank", reason == null ? "HTTP error" : reason, status,
                (reason == null ? "HTTP error" : reason) + ".", null));
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    /** The query or path parameter's own name (method-parameter nodes carry it, thanks to -parameters). */
    static String field(ConstraintViolation<?> v) {
        StringBuilder json = new StringBuilder();
        boolean bodyParameter = false;
        for (Path.Node n : v.getPropertyPath()) {
            if (n.getKind() == ElementKind.METHOD || n.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (n.getKind() == ElementKind.PARAMETER) {
                json.setLength(0);
                // a request body bean: its fields are named by their JSON path alone
                bodyParameter = BODY_PARAMETERS.contains(n.getName());
                json.append(bodyParameter ? "body" : n.getName());
                continue;
            }
            if (bodyParameter && n.getKind() == ElementKind.PROPERTY && "body".contentEquals(json)) {
                json.setLength(0);
            }
            if (n.getName() != null) {
                if (!json.isEmpty()) {
                    json.append('.');
                }
                json.append(n.getName());
            }
            if (n.getIndex() != null) {
                json.append('[').append(n.getIndex()).append(']');
            }
        }
        return json.toString();
    }

    private static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
