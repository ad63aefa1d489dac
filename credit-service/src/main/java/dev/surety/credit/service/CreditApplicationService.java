package dev.surety.credit.service;

import dev.surety.credit.CreditState;
import dev.surety.credit.repository.CreditEntity;
import dev.surety.credit.repository.CreditRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Billing's acknowledgement that an issued credit was applied: ISSUED -> APPLIED, once. The row is
 * locked for the transaction, so concurrent acknowledgements serialize and all but the first see
 * APPLIED and return it unchanged.
 */
@ApplicationScoped
public class CreditApplicationService {

    private static final Logger LOG = Logger.getLogger(CreditApplicationService.class);

    private final CreditRepository credits;
    private final CreditMetrics metrics;
    private final Clock clock;

    public CreditApplicationService(CreditRepository credits, CreditMetrics metrics, Clock clock) {
        this.credits = credits;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Marks an ISSUED credit APPLIED; an APPLIED credit is returned as it is (idempotent). The
     * transition is counted once the transaction committed.
     *
     * @param appliedBy name of the billing caller, kept with the first acknowledgement
     * @throws CreditNotFoundException      no such credit
     * @throws CreditNotApplicableException the credit is ENTITLED
     */
    public Uni<CreditEntity> apply(String creditId, String appliedBy) {
        return transition(creditId, appliedBy).invoke(a -> {
            if (a.transitioned()) {
                LOG.infof("credit %s applied by %s", creditId, a.credit().appliedBy);
                metrics.creditApplied();
            }
        }).map(Applied::credit);
    }

    /** The credit after the call, and whether this call made the transition. */
    record Applied(CreditEntity credit, boolean transitioned) {
    }

    // the Uni of a @WithTransaction method completes after the commit; apply() counts only then
    @WithTransaction
    Uni<Applied> transition(String creditId, String appliedBy) {
        UUID id;
        try {
            id = UUID.fromString(creditId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new CreditNotFoundException(creditId));
        }
        return credits.findById(id, LockModeType.PESSIMISTIC_WRITE).map(c -> {
            if (c == null) {
                throw new CreditNotFoundException(creditId);
            }
            if (c.state == CreditState.APPLIED) {
                return new Applied(c, false);
            }
            if (c.state != CreditState.ISSUED) {
                throw new CreditNotApplicableException(creditId, c.state);
            }
            c.state = CreditState.APPLIED;
            // PostgreSQL keeps microseconds: the response shows what a later read will show
            c.appliedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            c.appliedBy = appliedBy == null ? "unknown" : appliedBy;
            return new Applied(c, true);
        });
    }
}
