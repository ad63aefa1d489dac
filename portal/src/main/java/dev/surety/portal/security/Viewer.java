package dev.surety.portal.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in person as the pages need them: name, roles, tenant and the access token that is
 * forwarded to the services (which enforce roles and tenancy themselves as well).
 */
@RequestScoped
public class Viewer {

    public static final String TENANT_ATTRIBUTE = "tenant";
    static final Set<String> STAFF = Set.of("provider-admin", "ops", "billing");

    private final SecurityIdentity identity;

    public Viewer(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public String name() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    /** Staff roles see every tenant; everyone else only their own. */
    public boolean staff() {
        return STAFF.stream().anyMatch(identity::hasRole);
    }

    public boolean customer() {
        return !staff() && identity.hasRole("customer");
    }

    public boolean ops() {
        return identity.hasRole("ops") || identity.hasRole("provider-admin");
    }

    public boolean billing() {
        return identity.hasRole("billing") || identity.hasRole("provider-admin");
    }

    public String roleLabel() {
        return identity.getRoles().stream().sorted().reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** The tenant a customer may see; null for staff. A customer without a tenant claim sees nothing (""). */
    public String tenant() {
        if (staff()) {
            return null;
        }
        Object attr = identity.getAttribute(TENANT_ATTRIBUTE);
        if (attr != null) {
            return attr.toString();
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("tenant") != null) {
            return jwt.getClaim("tenant").toString().replace("\"", "");
        }
        String fromAccess = claimOfAccessToken("tenant");
        return fromAccess == null ? "" : fromAccess;
    }

    /** May this viewer see data of {@code tenant}? */
    public boolean maySee(String tenant) {
        return staff() || (tenant != null && tenant.equals(tenant()));
    }

    /** The bearer token to forward: OIDC's access token, or the development session's token. */
    public String token() {
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access != null) {
            return access.getToken();
        }
        TokenCredential t = identity.getCredential(TokenCredential.class);
        return t == null ? null : t.getToken();
    }

    private String claimOfAccessToken(String claim) {
        String token = token();
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get(claim);
            return node == null || node.isNull() ? null : node.asText();
        } catch (Exception opaqueToken) {
            return null;
        }
    }
}
