package dev.surety.agreement;

import java.util.Set;

/** The role names carried in the JWT {@code groups} claim. */
public final class Roles {

    public static final String PROVIDER_ADMIN = "provider-admin";
    public static final String OPS = "ops";
    public static final String BILLING = "billing";
    public static final String CUSTOMER = "customer";
    public static final String AGENT = "agent";

    /** Provider staff: they work across tenants. */
    public static final Set<String> STAFF = Set.of(PROVIDER_ADMIN, OPS, BILLING);

    private Roles() {
    }
}
