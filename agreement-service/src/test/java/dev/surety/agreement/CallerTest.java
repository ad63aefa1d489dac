package dev.surety.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void staffSeeEveryTenant() {
        for (String role : Roles.STAFF) {
            assertTrue(new Caller("s", "acme", Set.of(role)).tenantScope().isEmpty(), role);
        }
        // A customer who is also staff acts as staff.
        assertTrue(new Caller("s", "acme", Set.of(Roles.CUSTOMER, Roles.OPS)).tenantScope().isEmpty());
    }

    @Test
    void customerSeesOnlyItsTenant() {
        assertEquals(Optional.of("acme"), new Caller("c", "acme", Set.of(Roles.CUSTOMER)).tenantScope());
    }

    @Test
    void customerWithoutTenantClaimSeesNothing() {
        assertEquals(Optional.of(""), new Caller("c", null, Set.of(Roles.CUSTOMER)).tenantScope());
    }
}
