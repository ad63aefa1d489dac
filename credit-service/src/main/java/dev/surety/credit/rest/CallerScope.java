package dev.surety.credit.rest;

import jakarta.json.JsonString;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Which tenants a caller may see: staff roles see all, a customer only its own {@code tenant} claim. */
final class CallerScope {

    static final Set<String> STAFF = Set.of("provider-admin", "ops", "billing");
    /** Matches no tenant: a customer token without a tenant claim sees nothing. */
    private static final String NO_TENANT = "";

    private CallerScope() {
    }

    /** The only tenant the caller may see, or null when it may see all. */
    static String tenantOf(JsonWebToken jwt) {
        if (jwt.getGroups().stream().anyMatch(STAFF::contains)) {
            return null;
        }
        Object tenant = jwt.getClaim("tenant");
        if (tenant instanceof JsonString js) {
            return js.getString();
        }
        return tenant == null ? NO_TENANT : tenant.toString();
    }
}
