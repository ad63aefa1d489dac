package dev.surety.credit.service;

import dev.surety.credit.repository.CreditEntity;
import dev.surety.credit.repository.CreditRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Per-customer statements: the credits whose compliance period starts in a time range. */
@ApplicationScoped
public class StatementService {

    /** Statement order: by period, then agreement and objective (Java string order, not the database's collation). */
    private static final Comparator<CreditEntity> ORDER = Comparator.comparing((CreditEntity c) -> c.periodStart)
            .thenComparing(c -> c.agreementId)
            .thenComparing(c -> c.objectiveId)
            .thenComparing(c -> c.creditId);

    private final CreditRepository credits;

    public StatementService(CreditRepository credits) {
        this.credits = credits;
    }

    /**
     * The credits of {@code tenant} with {@code from <= periodStart < to}, in statement order.
     *
     * @param scopeTenant the caller's tenant when it is a customer, null for staff
     * @throws StatementNotFoundException when a customer asks for another tenant's statement
     */
    @WithSession
    public Uni<List<CreditEntity>> lines(String tenant, Instant from, Instant to, String scopeTenant) {
        if (scopeTenant != null && !scopeTenant.equals(tenant)) {
            return Uni.createFrom().failure(new StatementNotFoundException());
        }
        return credits.list("tenant = ?1 and periodStart >= ?2 and periodStart < ?3", tenant, from, to)
                .map(rows -> rows.stream().sorted(ORDER).toList());
    }
}
