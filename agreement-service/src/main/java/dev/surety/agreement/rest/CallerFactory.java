package dev.surety.agreement.rest;

import dev.surety.agreement.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the caller of the current request from its verified JWT. */
@ApplicationScoped
public class CallerFactory {

    /** Claim naming the caller's tenant. */
    static final String TENANT_CLAIM = "tenant";

    private final JsonWebToken jwt;
    private final SecurityIdentity identity;

    public CallerFactory(JsonWebToken jwt, SecurityIdentity identity) {
        this.jwt = jwt;
        this.identity = identity;
    }

    public Caller current() {
        Object claim = jwt.getClaim(TENANT_CLAIM);
        String tenant = claim instanceof JsonString s ? s.getString() : claim == null ? null : claim.toString();
        String subject = jwt.getSubject() != null ? jwt.getSubject() : identity.getPrincipal().getName();
        return new Caller(subject, tenant, identity.getRoles());
    }
}
