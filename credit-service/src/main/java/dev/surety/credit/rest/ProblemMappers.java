package dev.surety.credit.rest;

import dev.surety.credit.service.CreditNotFoundException;
import dev.surety.credit.service.CreditNotApplicableException;
import dev.surety.credit.service.StatementNotFoundException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Targeted exception mappers producing problem+json; nothing else is mapped, nothing internal is echoed. */
public class ProblemMappers {

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

    /** The query or path parameter's own name (method-parameter nodes carry it, thanks to -parameters). */
    static String field(ConstraintViolation<?> v) {
        StringBuilder json = new StringBuilder();
        for (Path.Node n : v.getPropertyPath()) {
            if (n.getKind() == ElementKind.METHOD || n.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (n.getKind() == ElementKind.PARAMETER) {
                json.setLength(0);
                json.append(n.getName());
                continue;
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
