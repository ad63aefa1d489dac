package dev.surety.portal.rest;

import dev.surety.portal.security.DevLogin;
import dev.surety.portal.security.Viewer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sign-in: OIDC's authorization code flow in production, the demo users in the local stack. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Sign-in")
public class LoginResource {

    private final Template login;
    private final DevLogin devLogin;
    private final Viewer viewer;
    private final boolean oidcConfigured;
    private final MeterRegistry meters;

    public LoginResource(Template login, DevLogin devLogin, Viewer viewer,
                         @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> oidc,
                         @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidcEnabled,
                         MeterRegistry meters) {
        this.login = login;
        this.devLogin = devLogin;
        this.viewer = viewer;
        this.oidcConfigured = oidcEnabled && oidc.filter(s -> !s.isBlank()).isPresent();
        this.meters = meters;
    }

    @GET
    @Path("login")
    @Operation(summary = "Sign-in page")
    public Response loginPage(@QueryParam("next") String next, @QueryParam("error") String error) {
        // with no way to sign in, this page is the 401 answer itself
        int status = devLogin.enabled() || oidcConfigured ? 200 : 401;
        return Response.status(status).entity(login.data("who", Who.of(viewer)).data("title", "Sign in")
                .data("devLogin", devLogin.enabled())
                .data("users", devLogin.enabled() ? devLogin.users() : java.util.List.of())
                .data("oidc", oidcConfigured)
                .data("next", safeNext(next))
                .data("error", error)).build();
    }

    @POST
    @Path("login")
    @Operation(summary = "Development sign-in as a demo user (local stack only)")
    public Response devSignIn(@FormParam("user") String user, @FormParam("next") String next,
                              @Context HttpHeaders headers, @Context UriInfo uri, @Context HttpServerResponse response) {
        if (!devLogin.enabled()) {
            return Response.status(404).entity(login.data("who", Who.of(viewer)).data("title", "Sign in")
                    .data("devLogin", false).data("users", java.util.List.of()).data("oidc", oidcConfigured)
                    .data("next", "/").data("error", "Development sign-in is not enabled on this portal.")).build();
        }
        SameOrigin.require(headers);
        var demo = devLogin.user(user == null ? "" : user);
        if (demo.isEmpty()) {
            return Response.seeOther(URI.create("/login?error=Unknown+user")).build();
        }
        Cookie cookie = Cookie.cookie(devLogin.cookieName(), devLogin.mint(demo.get()))
                .setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setPath("/")
                .setSecure("https".equals(uri.getBaseUri().getScheme()))
                .setMaxAge(devLogin.config().sessionTtl().toSeconds());
        response.addCookie(cookie);
        meters.counter("surety.portal.logins.succeeded").increment();
        return Response.seeOther(URI.create(safeNext(next))).build();
    }

    @POST
    @Path("logout")
    @Operation(summary = "Sign out")
    public Response logout(@Context HttpServerResponse response, @Context HttpHeaders headers) {
        SameOrigin.require(headers);
        response.addCookie(Cookie.cookie(devLogin.cookieName(), "").setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setMaxAge(0));
        return Response.seeOther(URI.create(oidcConfigured ? "/oidc/logout" : "/login")).build();
    }

    /** Reached only through OIDC's code flow: the extension signs the person in first. */
    @GET
    @Path("oidc/login")
    @Authenticated
    @Operation(summary = "Start OIDC sign-in, then go to the start page")
    public Response oidcSignIn() {
        return Response.seeOther(URI.create("/")).build();
    }

    /** Only local paths: an open redirect would let another site use the portal's name. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }
}
