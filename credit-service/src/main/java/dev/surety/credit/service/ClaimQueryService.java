package dev.surety.credit.service;

import dev.surety.credit.repository.CreditEntity;
import dev.surety.credit.repository.CreditFilter;
import dev.surety.credit.repository.CreditRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads claims (claimed credits), scoped to what the caller may see. */
@ApplicationScoped
public class ClaimQueryService {

    private final CreditRepository credits;

    public ClaimQueryService(CreditRepository credits) {
        this.credits = credits;
    }

    /** Claimed credits matching the filter, newest claim first. */
    @WithSession
    public Uni<CreditRepository.PageOf<CreditEntity>> list(String scopeTenant, String agreementId, String customer,
                                                           int page, int size) {
        return credits.search(new CreditFilter(scopeTenant, agreementId, customer, null, null, null, true), page,
                size);
    }
}
