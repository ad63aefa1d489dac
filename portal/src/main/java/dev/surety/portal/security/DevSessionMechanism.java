package dev.surety.portal.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the development session cookie. Its challenge sends people to the sign-in page; with the
 * development login off it leaves the challenge to OIDC when that is configured.
 */
@ApplicationScoped
public class DevSessionMechanism implements HttpAuthenticationMechanism {

    private final DevLogin devLogin;
    private final boolean oidcConfigured;

    public DevSessionMechanism(DevLogin devLogin,
                               @ConfigProperty(name = "quarkus.oidc.auth-server-url") java.util.Optional<String> oidc,
                               @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidcEnabled) {
        this.devLogin = devLogin;
        this.oidcConfigured = oidcEnabled && oidc.filter(s -> !s.isBlank()).isPresent();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!devLogin.enabled()) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(devLogin.cookieName());
        if (cookie == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        // An expired or foreign cookie is no identity: the page then asks to sign in again.
        return identityProviderManager.authenticate(new DevSessionRequest(cookie.getValue()))
                .onFailure().recoverWithNull();
    }

    /**
     * Quarkus asks for the challenge as data: with OIDC configured and the development login off, OIDC
     * answers; otherwise the sign-in page, which lists the demo users or says that no method is configured.
     */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!devLogin.enabled() && oidcConfigured) {
            return Uni.createFrom().nullItem();
        }
        String next = context.request().uri();
        return Uni.createFrom().item(new ChallengeData(302, "Location",
                "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(DevSessionRequest.class);
    }

    @Override
    public int getPriority() {
        // ahead of OIDC's code flow, so the development challenge wins when it is on
        return DEFAULT_PRIORITY + 500;
    }
}
