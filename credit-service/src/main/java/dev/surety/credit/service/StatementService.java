package dev.surety.credit.service;

import dev.surety.credit.repository.CreditEntity;
import dev.surety.credit.repository.CreditRepository;
import dev.surety.credit.repository.ObjectiveLineEntity;
import dev.surety.credit.repository.ObjectiveLineQueries;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Per-customer statements: each objective's figures and the credits whose period starts in a time range. */
@ApplicationScoped
public class StatementService {

    /** Statement order: by period, then agreement and objective (Java string order, not the database's collation). */
    private static final Comparator<CreditEntity> ORDER = Comparator.comparing((CreditEntity c) -> c.periodStart)
            .thenComparing(c -> c.agreementId)
            .thenComparing(c -> c.objectiveId)
            .thenComparing(c -> c.creditId);
    private static final Comparator<ObjectiveLineEntity> OBJECTIVE_ORDER =
            Comparator.comparing((ObjectiveLineEntity l) -> l.periodStart)
                    .thenComparing(l -> l.agreementId)
                    .thenComparing(l -> l.objectiveId);

    private final CreditRepository credits;
    private final ObjectiveLineQueries objectives;

    public StatementService(CreditRepository credits, ObjectiveLineQueries objectives) {
        this.credits = credits;
        this.objectives = objectives;
    }

    /** What a statement is made of. */
    public record Statement(List<ObjectiveLineEntity> objectives, List<CreditEntity> credits) {
    }

    /**
     * The objective lines and credits of {@code tenant} with {@code from <= periodStart < to}, in statement order.
     *
     * @param scopeTenant the caller's tenant when it is a customer, null for staff
     * @throws StatementNotFoundException when a customer asks for another tenant's statement
     */
    @WithSession
    public Uni<Statement> statement(String tenant, Instant from, Instant to, String scopeTenant) {
        if (scopeTenant != null && !scopeTenant.equals(tenant)) {
            return Uni.createFrom().failure(new StatementNotFoundException());
        }
        return objectives.forTenant(tenant, from, to)
                .chain(lines -> credits.list("tenant = ?1 and periodStart >= ?2 and periodStart < ?3", tenant, from, to)
                        .map(rows -> new Statement(lines.stream().sorted(OBJECTIVE_ORDER).toList(),
                                rows.stream().sorted(ORDER).toList())));
    }
}
