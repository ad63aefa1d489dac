package dev.surety.agreement.repository;

import dev.surety.events.AgreementStatus;
import java.util.Optional;

/**
 * What a list of agreements is narrowed to, besides the caller's tenant scope. Each present
 * filter must match exactly.
 *
 * @param customer the agreement's customer (tenant id)
 * @param status   the current version's status
 * @param service  the service delivered
 */
public record ListFilter(Optional<String> customer, Optional<AgreementStatus> status, Optional<String> service) {

    public static final ListFilter NONE = new ListFilter(Optional.empty(), Optional.empty(), Optional.empty());
}
