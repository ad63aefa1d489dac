package dev.surety.credit.service;

import dev.surety.credit.CreditState;
import dev.surety.credit.repository.AgreementSnapshotRepository;
import dev.surety.credit.repository.LedgerEntry;
import dev.surety.credit.repository.LedgerRepository;
import dev.surety.credit.repository.OutboxRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Customer claims: an ENTITLED credit claimed within its window becomes CLAIMED and, in the same
 * transaction, ISSUED with its CreditIssued event in the outbox. Claims take the agreement's
 * advisory lock, so a claim and late data for the same agreement never interleave.
 */
@ApplicationScoped
public class ClaimService {

    private static final Logger LOG = Logger.getLogger(ClaimService.class);

    private final Pool pool;
    private final LedgerRepository ledger;
    private final AgreementSnapshotRepository agreements;
    private final OutboxRepository outbox;
    private final CreditMetrics metrics;
    private final Clock clock;

    public ClaimService(Pool pool, LedgerRepository ledger, AgreementSnapshotRepository agreements,
                        OutboxRepository outbox, CreditMetrics metrics, Clock clock) {
        this.pool = pool;
        this.ledger = ledger;
        this.agreements = agreements;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The credit after the claim, and whether this call made it (false: the same claim again). */
    public record ClaimResult(LedgerEntry credit, boolean created) {
    }

    /** A claim's id: one claim per credit, so claiming again names the same claim. */
    public static UUID claimId(String idempotencyKey) {
        return UUID.nameUUIDFromBytes((idempotencyKey + "|CLAIM").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Claims the credit of one agreement and period.
     *
     * @param objectiveId the objective, {@code *} or null; an agreement-level credit accepts any
     * @param tenant      the customer's tenant: only its own credits can be claimed
     * @throws ClaimRejectedException with 404, 409 or 422 and the reason
     */
    public Uni<ClaimResult> claim(String agreementId, String objectiveId, Instant periodStart, String tenant,
                                  String claimedBy) {
        return pool.withTransaction(c -> CreditLedgerService.lock(c, agreementId)
                        .chain(() -> ledger.forPeriodForUpdate(c, agreementId, periodStart))
                        .chain(rows -> decide(c, rows, agreementId, objectiveId, periodStart, tenant, claimedBy)))
                .invoke(r -> {
                    if (r.created()) {
                        LOG.infof("credit %s claimed by %s", r.credit().creditId(), claimedBy);
                        metrics.claimAccepted();
                    }
                });
    }

    private Uni<ClaimResult> decide(SqlConnection c, List<LedgerEntry> rows, String agreementId, String objectiveId,
                                    Instant periodStart, String tenant, String claimedBy) {
        List<LedgerEntry> own = rows.stream().filter(r -> r.tenant().equals(tenant)).toList();
        if (own.isEmpty()) {
            return agreements.latest(c, agreementId).map(a -> {
                if (a == null || !tenant.equals(a.tenant())) {
                    throw new ClaimRejectedException(404, "agreementId", "no agreement " + agreementId
                            + " of your organisation");
                }
                throw new ClaimRejectedException(422, "periodStart", "no credit for the period starting "
                        + periodStart + ": its compliance is not final yet, or nothing is owed");
            });
        }
        LedgerEntry credit = own.stream().filter(r -> r.objectiveId().equals(objectiveId)).findFirst()
                .orElseGet(() -> own.stream().filter(r -> r.objectiveId().equals(CreditLedgerService.AGREEMENT_LEVEL))
                        .findFirst().orElse(objectiveId == null && own.size() == 1 ? own.get(0) : null));
        if (credit == null) {
            throw new ClaimRejectedException(422, "objectiveId", "no credit for objective " + objectiveId
                    + " in the period starting " + periodStart + "; credits of this period: "
                    + own.stream().map(LedgerEntry::objectiveId).toList());
        }
        if (credit.claimedAt() != null) {
            return Uni.createFrom().item(new ClaimResult(credit, false));
        }
        switch (credit.state()) {
            case ISSUED, APPLIED -> throw new ClaimRejectedException(409, "agreementId",
                    "credit is issued automatically");
            case BELOW_MINIMUM, VOIDED -> throw new ClaimRejectedException(422, "periodStart",
                    "no credit is owed for the period starting " + periodStart + " (" + credit.state() + ")");
            default -> {
                // ENTITLED (CLAIMED never outlives its transaction)
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (credit.claimDeadline() != null && now.isAfter(credit.claimDeadline())) {
            throw new ClaimRejectedException(422, "periodStart", "claim window closed on " + credit.claimDeadline());
        }
        LedgerEntry issued = new LedgerEntry(credit.creditId(), credit.idempotencyKey(), credit.agreementId(),
                credit.agreementVersion(), credit.objectiveId(), credit.tenant(), credit.periodStart(),
                credit.periodEnd(), credit.attainment(), credit.tierBelowPercent(), credit.creditPercent(),
                credit.amount(), credit.currency(), CreditState.ISSUED, credit.complianceId(), credit.createdAt(),
                credit.computedAmount(), credit.reason(), credit.aggregation(), credit.claimDeadline(), now,
                claimedBy);
        return ledger.update(c, issued, now)
                .chain(() -> c.preparedQuery("UPDATE credit SET claim_id = $2 WHERE credit_id = $1")
                        .execute(Tuple.tuple().addUUID(credit.creditId()).addUUID(claimId(credit.idempotencyKey()))))
                .chain(() -> ledger.history(c, credit.creditId(), now, CreditState.ENTITLED, CreditState.CLAIMED,
                        credit.amount(), credit.amount(), "claimed by " + claimedBy, null))
                .chain(() -> ledger.history(c, credit.creditId(), now, CreditState.CLAIMED, CreditState.ISSUED,
                        credit.amount(), credit.amount(), "issued on claim", null))
                .chain(() -> outbox.insert(c, CreditLedgerService.issuedEvent(issued, now)))
                .replaceWith(new ClaimResult(issued, true));
    }
}
