package dev.surety.portal.rest;

import dev.surety.portal.security.Viewer;
import dev.surety.portal.service.PageException;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Error pages a person can read: what happened and where to go, never a stack trace. */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private final Template error;
    private final Viewer viewer;

    public ErrorPages(Template error, Viewer viewer) {
        this.error = error;
        this.viewer = viewer;
    }

    @ServerExceptionMapper
    public Response page(PageException e) {
        return render(e.status(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return render(404, "Page not found",
                "There is nothing here for you. The address may be mistyped, or the item is not yours to see.");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return render(405, "Not possible", "This page cannot be used that way.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return render(403, "Not allowed", "Your role (" + (viewer.signedIn() ? viewer.roleLabel() : "none")
                + ") may not open this page.");
    }

    @ServerExceptionMapper(priority = 10000)
    public Response unexpected(Exception e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w && w.getResponse().getStatus() < 500) {
            int s = w.getResponse().getStatus();
            return render(s, s == 401 ? "Sign-in required" : "Request not accepted", "The request could not be handled.");
        }
        LOG.error("page failed", e);
        return render(500, "Something went wrong", "The portal could not build this page. The error was logged; "
                + "try again, and tell the operator if it persists.");
    }

    private Response render(int status, String title, String detail) {
        String html = error.data("who", Who.of(viewer)).data("title", title).data("status", status)
                .data("detail", detail).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Cache-Control", "no-store").build();
    }
}
