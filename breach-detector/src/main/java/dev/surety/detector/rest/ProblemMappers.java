package dev.surety.detector.rest;

import dev.surety.detector.config.StatusConfig;
import dev.surety.detector.repository.StatusUnavailableException;
import dev.surety.detector.service.AgreementNotFoundException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns this service's failures into problem+json responses, never echoing internals. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final StatusConfig config;

    ProblemMappers(StatusConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(AgreementNotFoundException e) {
        return problem(Response.Status.NOT_FOUND, "No agreement with this id is visible to you.", List.of());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unavailable(StatusUnavailableException e) {
        LOG.warn(e.getMessage());
        return RestResponse.ResponseBuilder.create(Response.Status.SERVICE_UNAVAILABLE,
                        new Problem("about:blank", "Service Unavailable", 503,
                                "The detector's state is being restored or moved between instances; retry shortly.", List.of()))
                .header("Retry-After", String.valueOf(config.retryAfterSeconds()))
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return problem(Response.Status.BAD_REQUEST, "The request is invalid.", errors);
    }

    /** A resource parameter's violation path is "method.param": the caller only knows the parameter. */
    private static String field(ConstraintViolation<?> v) {
        String last = null;
        for (Path.Node n : v.getPropertyPath()) {
            last = n.getName();
        }
        return last;
    }

    private static RestResponse<Problem> problem(Response.Status status, String detail, List<Problem.FieldError> errors) {
        return RestResponse.ResponseBuilder.create(status,
                        new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, errors))
                .type(Problem.MEDIA_TYPE)
                .build();
    }
}
