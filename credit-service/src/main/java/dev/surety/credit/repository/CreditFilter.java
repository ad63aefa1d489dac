package dev.surety.credit.repository;

import dev.surety.credit.CreditState;

/**
 * Which credits a caller asked for; null fields do not filter.
 *
 * @param scopeTenant the only tenant the caller may see (customers), null for staff
 * @param tenant      the {@code customer} filter of the request
 */
public record CreditFilter(String scopeTenant, String agreementId, String tenant, CreditState state) {
}
