package dev.surety.credit.service;

import dev.surety.credit.repository.CreditEntity;
import dev.surety.credit.repository.CreditFilter;
import dev.surety.credit.repository.CreditRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The ledger's read side, always scoped to what the caller may see. */
@ApplicationScoped
public class CreditQueryService {

    private final CreditRepository credits;

    public CreditQueryService(CreditRepository credits) {
        this.credits = credits;
    }

    @WithSession
    public Uni<CreditRepository.PageOf<CreditEntity>> list(CreditFilter filter, int page, int size) {
        return credits.search(filter, page, size);
    }

    /**
     * One credit, if it exists and the caller may see it.
     *
     * @param scopeTenant the caller's tenant when it is a customer; null for staff
     * @throws CreditNotFoundException otherwise (also for another tenant's credit: no existence leak)
     */
    @WithSession
    public Uni<CreditEntity> get(String creditId, String scopeTenant) {
        UUID id;
        try {
            id = UUID.fromString(creditId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new CreditNotFoundException(creditId));
        }
        return credits.findById(id).map(c -> {
            if (c == null || (scopeTenant != null && !scopeTenant.equals(c.tenant))) {
                throw new CreditNotFoundException(creditId);
            }
            return c;
        });
    }
}
