package dev.surety.credit.service;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.credit.CreditState;
import dev.surety.credit.repository.AgreementSnapshotRepository;
import dev.surety.credit.repository.ComplianceRecordRepository;
import dev.surety.credit.repository.LedgerEntry;
import dev.surety.credit.repository.LedgerRepository;
import dev.surety.credit.repository.OutboxEvent;
import dev.surety.credit.repository.OutboxRepository;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CreditIssued;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import io.smallrye.mutiny.Multi;
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
 * Owns the ledger's write side: stores agreement versions and compliance records and turns FINAL
 * compliance into at most one credit per agreement, objective and period, together with its
 * outbox event, in one database transaction.
 *
 * <p>Both entry points first take a transaction-scoped advisory lock on the agreement id, so a
 * compliance record and the snapshot it waits for can never miss each other: whichever commits
 * second sees the other.
 */
@ApplicationScoped
public class CreditLedgerService {

    private static final Logger LOG = Logger.getLogger(CreditLedgerService.class);

    private final Pool pool;
    private final AgreementSnapshotRepository agreements;
    private final ComplianceRecordRepository compliance;
    private final LedgerRepository ledger;
    private final OutboxRepository outbox;
    private final CreditMetrics metrics;
    private final Clock clock;

    public CreditLedgerService(Pool pool, AgreementSnapshotRepository agreements, ComplianceRecordRepository compliance,
                               LedgerRepository ledger, OutboxRepository outbox, CreditMetrics metrics, Clock clock) {
        this.pool = pool;
        this.agreements = agreements;
        this.compliance = compliance;
        this.ledger = ledger;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The ledger's idempotency key: one credit per agreement, objective and period. */
    public static String idempotencyKey(String agreementId, String objectiveId, Instant periodStart) {
        return agreementId + "/" + objectiveId + "/" + periodStart;
    }

    /** Credit ids derive from the idempotency key, so a replay can only ever name the same credit. */
    public static UUID creditId(String idempotencyKey) {
        return UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }

    /** Event id of the CreditIssued event of a credit. */
    public static UUID issuedEventId(String idempotencyKey) {
        return UUID.nameUUIDFromBytes((idempotencyKey + "|ISSUED").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores a compliance record (once per id) and, when FINAL and its agreement is known, settles
     * it. Completes after the transaction committed.
     *
     * @param document the record JSON as delivered, kept for audit and for settling it later
     */
    public Uni<Settlement> recordCompliance(ComplianceRecord r, byte[] document) {
        return pool.withTransaction(c -> lock(c, r.agreementId())
                        .chain(() -> {
                            Instant now = now();
                            boolean fin = r.status() == ComplianceStatus.FINAL;
                            return compliance.insert(c, r, document, now,
                                    fin ? ComplianceOutcome.PENDING_AGREEMENT : ComplianceOutcome.PROVISIONAL,
                                    fin ? null : now);
                        })
                        .chain(inserted -> {
                            if (!inserted) {
                                return Uni.createFrom().item(Settlement.redelivery(r.id()));
                            }
                            if (r.status() != ComplianceStatus.FINAL) {
                                return Uni.createFrom().item(new Settlement(r.id(), ComplianceOutcome.PROVISIONAL, null));
                            }
                            return settle(c, r);
                        }))
                .invoke(this::countCommitted);
    }

    /**
     * Stores an agreement version (once) and settles the FINAL compliance records that were
     * waiting for this agreement. Completes after the transaction committed.
     */
    public Uni<List<Settlement>> recordAgreement(AgreementSnapshot s, byte[] document) {
        return pool.withTransaction(c -> lock(c, s.agreementId())
                        .chain(() -> agreements.insert(c, s, document, now()))
                        .chain(inserted -> compliance.pending(c, s.agreementId())
                                // one at a time: the statements share the transaction's connection
                                .chain(pending -> Multi.createFrom().iterable(pending)
                                        .onItem().transformToUniAndConcatenate(r -> settle(c, r))
                                        .collect().asList())
                                .map(settled -> new AgreementStored(inserted, settled))))
                // counted only once committed, so a retried transaction is not counted twice
                .invoke(stored -> {
                    if (stored.newVersion()) {
                        metrics.agreementReceived();
                    }
                    stored.settled().forEach(this::countCommitted);
                })
                .map(AgreementStored::settled);
    }

    private record AgreementStored(boolean newVersion, List<Settlement> settled) {
    }

    /** A tombstone: the agreement's versions are flagged deleted; credits already owed stay owed. */
    public Uni<Integer> recordAgreementDeleted(String agreementId) {
        return pool.withTransaction(c -> lock(c, agreementId)
                .chain(() -> agreements.markDeleted(c, agreementId, now())));
    }

    private Uni<Settlement> settle(SqlConnection c, ComplianceRecord r) {
        return agreements.find(c, r.agreementId(), r.agreementVersion())
                .chain(exact -> exact != null ? Uni.createFrom().item(exact) : agreements.latest(c, r.agreementId()))
                .chain(snapshot -> {
                    if (snapshot == null) {
                        // stays PENDING_AGREEMENT; recordAgreement settles it
                        return Uni.createFrom().item(new Settlement(r.id(), ComplianceOutcome.PENDING_AGREEMENT, null));
                    }
                    if (snapshot.version() != r.agreementVersion()) {
                        LOG.warnf("compliance %s names agreement %s version %d, which is not known; using version %d",
                                r.id(), r.agreementId(), r.agreementVersion(), snapshot.version());
                    }
                    return credit(c, r, snapshot);
                });
    }

    private Uni<Settlement> credit(SqlConnection c, ComplianceRecord r, AgreementSnapshot snapshot) {
        CreditDecision decision;
        try {
            decision = CreditCalculator.decide(r.good(), r.total(), snapshot.compensation(),
                    r.periodStart(), r.periodEnd(), snapshot.effectiveFrom(), snapshot.effectiveTo());
        } catch (InvalidCompensationException e) {
            LOG.errorf("compliance %s: agreement %s version %d has an unusable compensation schedule (%s); no credit",
                    r.id(), snapshot.agreementId(), snapshot.version(), e.getMessage());
            return resolve(c, r, ComplianceOutcome.INVALID_COMPENSATION, null, null);
        }
        if (!decision.credited()) {
            return resolve(c, r, decision.outcome(), null, null);
        }
        String key = idempotencyKey(r.agreementId(), r.objectiveId(), r.periodStart());
        CreditState state = snapshot.compensation().claimRequired() ? CreditState.ENTITLED : CreditState.ISSUED;
        LedgerEntry entry = new LedgerEntry(creditId(key), key, r.agreementId(), snapshot.version(), r.objectiveId(),
                snapshot.tenant(), r.periodStart(), r.periodEnd(),
                r.attainment() != null ? r.attainment() : CreditCalculator.attainment(r.good(), r.total()),
                decision.tierBelowPercent(), decision.creditPercent(), decision.amount(), decision.currency(),
                state, r.id(), now());
        return ledger.insertIfAbsent(c, entry).chain(inserted -> {
            if (!inserted) {
                return ledger.creditIdFor(c, key)
                        .chain(existing -> resolve(c, r, ComplianceOutcome.ALREADY_CREDITED, existing, null));
            }
            Uni<Boolean> event = state == CreditState.ISSUED
                    ? outbox.insert(c, issuedEvent(entry))
                    : Uni.createFrom().item(false); // claims come later; nothing to tell billing yet
            return event.chain(() -> resolve(c, r, ComplianceOutcome.CREDITED, entry.creditId(), entry));
        });
    }

    private OutboxEvent issuedEvent(LedgerEntry e) {
        UUID id = issuedEventId(e.idempotencyKey());
        CreditIssued data = new CreditIssued(id.toString(), e.creditId().toString(), e.idempotencyKey(),
                e.agreementId(), e.agreementVersion(), e.objectiveId(), e.tenant(), e.periodStart(), e.periodEnd(),
                e.attainment(), e.tierBelowPercent(), e.creditPercent(), e.amount(), e.currency(), e.createdAt());
        return new OutboxEvent(0, id, EventType.CREDIT_ISSUED, e.idempotencyKey(), e.creditId().toString(),
                EventCodec.encode(data), e.createdAt());
    }

    private Uni<Settlement> resolve(SqlConnection c, ComplianceRecord r, ComplianceOutcome outcome, UUID creditId,
                                    LedgerEntry newCredit) {
        return compliance.settle(c, r.id(), outcome, creditId, now())
                .replaceWith(new Settlement(r.id(), outcome, newCredit));
    }

    private Uni<Void> lock(SqlConnection c, String agreementId) {
        return c.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of(agreementId)).replaceWithVoid();
    }

    private void countCommitted(Settlement s) {
        if (s.newCredit() != null) {
            metrics.creditIssued(s.newCredit().state());
        }
    }

    // PostgreSQL keeps microseconds; truncating here keeps the event and the ledger row identical
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
