package dev.surety.agreement;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as far as agreements care: the token subject, its tenant claim and its roles.
 *
 * @param subject the JWT subject, recorded as the author of changes
 * @param tenant  the {@code tenant} claim; may be null for provider staff
 * @param roles   the roles of the {@code groups} claim
 */
public record Caller(String subject, String tenant, Set<String> roles) {

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** Whether the caller works for the provider and therefore sees every tenant. */
    public boolean isStaff() {
        return roles.stream().anyMatch(Roles.STAFF::contains);
    }

    /**
     * The only tenant whose agreements this caller may see, or empty when it may see all. A
     * customer token without a tenant claim is scoped to a tenant that cannot exist, so it sees
     * nothing rather than everything.
     */
    public Optional<String> tenantScope() {
        if (isStaff()) {
            return Optional.empty();
        }
        return Optional.of(tenant == null ? "" : tenant);
    }
}
