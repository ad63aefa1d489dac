package dev.surety.credit.repository;

import dev.surety.credit.CreditState;
import java.time.Instant;

/**
 * Which credits a caller asked for; null fields do not filter.
 *
 * @param scopeTenant the only tenant the caller may see (customers), null for staff
 * @param tenant      the {@code customer} filter of the request
 * @param from        credits whose period starts at or after this instant
 * @param to          credits whose period starts before this instant
 * @param claimedOnly only credits a customer claimed (the claims listing)
 */
public record CreditFilter(String scopeTenant, String agreementId, String tenant, CreditState state, Instant from,
                           Instant to, boolean claimedOnly) {

    public CreditFilter(String scopeTenant, String agreementId, String tenant, CreditState state) {
        this(scopeTenant, agreementId, tenant, state, null, null, false);
    }
}
