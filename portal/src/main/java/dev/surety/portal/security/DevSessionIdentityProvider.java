package dev.surety.portal.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a verified development token into the identity: roles from {@code groups}, the {@code tenant} claim. */
@ApplicationScoped
public class DevSessionIdentityProvider implements IdentityProvider<DevSessionRequest> {

    private final DevLogin devLogin;

    public DevSessionIdentityProvider(DevLogin devLogin) {
        this.devLogin = devLogin;
    }

    @Override
    public Class<DevSessionRequest> getRequestType() {
        return DevSessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(DevSessionRequest request, AuthenticationRequestContext context) {
        return devLogin.verify(request.token())
                .map(c -> {
                    QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(c.subject()))
                            .addRoles(new java.util.HashSet<>(c.groups()))
                            .addCredential(new TokenCredential(request.token(), "bearer"));
                    if (c.tenant() != null) {
                        b.addAttribute(Viewer.TENANT_ATTRIBUTE, c.tenant());
                    }
                    return Uni.createFrom().item((SecurityIdentity) b.build());
                })
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("session expired or invalid")));
    }
}
