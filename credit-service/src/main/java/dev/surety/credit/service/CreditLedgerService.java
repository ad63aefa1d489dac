package dev.surety.credit.service;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.credit.CreditState;
import dev.surety.credit.repository.AgreementSnapshotRepository;
import dev.surety.credit.repository.BookingRepository;
import dev.surety.credit.repository.ComplianceRecordRepository;
import dev.surety.credit.repository.LedgerEntry;
import dev.surety.credit.repository.LedgerRepository;
import dev.surety.credit.repository.ObjectiveLine;
import dev.surety.credit.repository.ObjectiveLineRepository;
import dev.surety.credit.repository.OutboxEvent;
import dev.surety.credit.repository.OutboxRepository;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.Compensation;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import dev.surety.events.CreditAdjusted;
import dev.surety.events.CreditIssued;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.ObjectiveSpec;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Owns the ledger's write side: stores agreement versions and compliance records, keeps one line
 * per objective and period, and turns the FINAL lines of all objectives of a period into at most
 * one credit per agreement and period (per objective for single-objective agreements), together
 * with its outbox event, in one database transaction. Late data recomputes the credit and, when a
 * published amount changes, writes a CreditAdjusted instead of a second CreditIssued.
 *
 * <p>Every entry point first takes a transaction-scoped advisory lock on the agreement id, so
 * records, snapshots and claims of one agreement are applied one after the other.
 */
@ApplicationScoped
public class CreditLedgerService {

    /** Objective id of an agreement-level credit (agreements with several objectives). */
    public static final String AGREEMENT_LEVEL = "*";

    private static final Logger LOG = Logger.getLogger(CreditLedgerService.class);

    private final Pool pool;
    private final AgreementSnapshotRepository agreements;
    private final AgreementVersions versions;
    private final BookingRepository booking;
    private final ComplianceRecordRepository compliance;
    private final ObjectiveLineRepository lines;
    private final LedgerRepository ledger;
    private final OutboxRepository outbox;
    private final CreditMetrics metrics;
    private final Clock clock;

    public CreditLedgerService(Pool pool, AgreementSnapshotRepository agreements, AgreementVersions versions,
                               BookingRepository booking, ComplianceRecordRepository compliance,
                               ObjectiveLineRepository lines, LedgerRepository ledger, OutboxRepository outbox,
                               CreditMetrics metrics, Clock clock) {
        this.pool = pool;
        this.agreements = agreements;
        this.versions = versions;
        this.booking = booking;
        this.compliance = compliance;
        this.lines = lines;
        this.ledger = ledger;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The ledger's idempotency key: one credit per agreement, objective and period, with
     * {@link #AGREEMENT_LEVEL} as the objective of an agreement-level credit.
     */
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

    /** Event id of the CreditAdjusted event a compliance record caused: a replay names the same event. */
    public static UUID adjustedEventId(String idempotencyKey, String complianceId) {
        return UUID.nameUUIDFromBytes((idempotencyKey + "|ADJUSTED|" + complianceId).getBytes(StandardCharsets.UTF_8));
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
                        .chain(inserted -> inserted ? apply(c, r)
                                : Uni.createFrom().item(Settlement.redelivery(r.id()))))
                .invoke(this::countCommitted);
    }

    /** What a newly stored compliance record changes. */
    private Uni<Settlement> apply(SqlConnection c, ComplianceRecord r) {
        if (r.status() != ComplianceStatus.FINAL) {
            // shown in statements until the FINAL record replaces it; never credited
            return lines.upsert(c, line(r, r.tenant(), r.agreementVersion(), null))
                    .replaceWith(new Settlement(r.id(), ComplianceOutcome.PROVISIONAL, null));
        }
        // this transaction stores no agreement version: the versions it reads are committed ones
        return settle(c, r, true);
    }

    /** A compliance record as delivered: the decoded record and its JSON, kept for audit and later settling. */
    public record Received(ComplianceRecord record, byte[] document) {
    }

    /**
     * Stores and settles a batch of compliance records (a consumer poll) in one transaction, with
     * the same outcome per record as {@link #recordCompliance} one after the other: records are
     * applied in batch order, a record id seen before (or earlier in the batch) is a redelivery.
     * Completes after the transaction committed.
     *
     * <p>The common case, the only new record of its agreement in the batch being a FINAL one that
     * opens its period's single-objective credit (no line and no credit for the period yet), is
     * written with one multi-row statement per table; every other record goes through the
     * record-at-a-time path inside the same transaction.
     *
     * @return one settlement per delivered record, in batch order
     */
    public Uni<List<Settlement>> recordComplianceBatch(List<Received> batch) {
        return pool.withTransaction(c -> storeBatch(c, batch))
                .invoke(settled -> settled.forEach(this::countCommitted));
    }

    private Uni<List<Settlement>> storeBatch(SqlConnection c, List<Received> batch) {
        Map<String, Received> first = new LinkedHashMap<>();
        batch.forEach(b -> first.putIfAbsent(b.record().id(), b));
        List<Received> distinct = List.copyOf(first.values());
        List<ComplianceRecord> records = distinct.stream().map(Received::record).toList();
        // sent together, one round trip: the connection pipelines them, and PostgreSQL starts the
        // look-up (and takes its snapshot) only once the lock statement returned, all locks held
        Uni<Void> locked = lockAll(c, records.stream().map(ComplianceRecord::agreementId).toList());
        Uni<List<ComplianceRecordRepository.Found>> lookedUp = compliance.lookUp(c, records);
        return Uni.combine().all().unis(locked, lookedUp).with((none, found) -> found)
                .chain(found -> settleNew(c, distinct, found))
                .map(settled -> {
                    List<Settlement> out = new ArrayList<>();
                    for (Received b : batch) {
                        Settlement s = first.get(b.record().id()) == b ? settled.get(b.record().id()) : null;
                        out.add(s != null ? s : Settlement.redelivery(b.record().id()));
                    }
                    return out;
                });
    }

    /**
     * Stores and applies the records of a batch not stored before; the result is keyed by record id.
     *
     * @param distinct the batch's records, distinct ids, in batch order
     * @param found    per record (same positions), whether its id is known and what its period and
     *                 agreement have
     */
    private Uni<Map<String, Settlement>> settleNew(SqlConnection c, List<Received> distinct,
                                                   List<ComplianceRecordRepository.Found> found) {
        List<Received> fresh = new ArrayList<>();
        Map<String, Integer> perAgreement = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            if (!found.get(i).known()) {
                fresh.add(distinct.get(i));
                perAgreement.merge(distinct.get(i).record().agreementId(), 1, Integer::sum);
            }
        }
        // the multi-row path: the only new record of its agreement, FINAL, opening its period
        List<ComplianceRecord> candidates = new ArrayList<>();
        Map<String, List<Integer>> numbers = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            ComplianceRecord r = distinct.get(i).record();
            ComplianceRecordRepository.Found f = found.get(i);
            if (!f.known() && r.status() == ComplianceStatus.FINAL && perAgreement.get(r.agreementId()) == 1
                    && !f.hasLine() && !f.hasCredit()) {
                candidates.add(r);
                numbers.put(r.agreementId(), f.versions());
            }
        }
        Instant now = now();
        return versions.resolve(c, numbers)
                .map(decoded -> BatchBooking.plan(candidates, decoded, now))
                .chain(plan -> plan.write(c, booking, fresh))
                .chain(done -> {
                    Map<String, Settlement> settled = new HashMap<>(done);
                    List<ComplianceRecord> rest = fresh.stream().map(Received::record)
                            .filter(r -> !done.containsKey(r.id())).toList();
                    // one at a time: the statements share the transaction's connection
                    return Multi.createFrom().iterable(rest)
                            .onItem().transformToUniAndConcatenate(r -> apply(c, r))
                            .collect().asList()
                            .map(list -> {
                                list.forEach(s -> settled.put(s.complianceId(), s));
                                return settled;
                            });
                });
    }

    /**
     * Stores an agreement version (once) and settles the FINAL compliance records that were
     * waiting for this agreement. Completes after the transaction committed.
     */
    public Uni<List<Settlement>> recordAgreement(AgreementSnapshot s, byte[] document) {
        return pool.withTransaction(c -> lock(c, s.agreementId())
                        .chain(() -> agreements.insert(c, s, document, now()))
                        .chain(stored -> compliance.pending(c, s.agreementId())
                                // one at a time: the statements share the transaction's connection;
                                // the version stored here is not committed yet: nothing read is kept
                                .chain(pending -> Multi.createFrom().iterable(pending)
                                        .onItem().transformToUniAndConcatenate(r -> settle(c, r, false))
                                        .collect().asList())
                                .map(settled -> new AgreementStored(stored, settled))))
                // counted and kept only once committed, so a retried transaction is not counted twice
                .invoke(stored -> {
                    if (stored.document() != null) {
                        metrics.agreementReceived();
                        if (versions.enabled()) {
                            // decoded from the stored document, exactly what a later read would decode
                            versions.remember(AgreementSnapshotRepository.decode(stored.document()));
                        }
                    }
                    stored.settled().forEach(this::countCommitted);
                })
                .map(AgreementStored::settled);
    }

    /** @param document the new version as stored, or null when it was known already */
    private record AgreementStored(String document, List<Settlement> settled) {
    }

    /** A tombstone: the agreement's versions are flagged deleted; credits already owed stay owed. */
    public Uni<Integer> recordAgreementDeleted(String agreementId) {
        return pool.withTransaction(c -> lock(c, agreementId)
                .chain(() -> agreements.markDeleted(c, agreementId, now())));
    }

    /**
     * Takes the advisory locks of many agreements in one statement, always in the same (hash)
     * order, so two batches sharing agreements wait for each other instead of deadlocking.
     */
    static Uni<Void> lockAll(SqlConnection c, List<String> agreementIds) {
        return c.preparedQuery("""
                        SELECT pg_advisory_xact_lock(h) FROM (
                            SELECT DISTINCT hashtextextended(a, 0) AS h FROM unnest($1::text[]) AS a ORDER BY h) s""")
                .execute(Tuple.tuple().addArrayOfString(agreementIds.toArray(String[]::new))).replaceWithVoid();
    }

    /** Takes the agreement's transaction-scoped advisory lock (shared with claims). */
    public static Uni<Void> lock(SqlConnection c, String agreementId) {
        return c.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of(agreementId)).replaceWithVoid();
    }

    // ---- settling a FINAL record

    /** @param remember whether agreement documents read may be kept (see {@link AgreementVersions#versions}) */
    private Uni<Settlement> settle(SqlConnection c, ComplianceRecord r, boolean remember) {
        return versions.versions(c, r.agreementId(), remember).chain(known -> {
            AgreementSnapshot v = VersionSelector.inForceAt(known, r.periodEnd(), r.agreementVersion());
            if (v == null) {
                // stays PENDING_AGREEMENT; recordAgreement settles it
                return Uni.createFrom().item(new Settlement(r.id(), ComplianceOutcome.PENDING_AGREEMENT, null));
            }
            List<String> objectiveIds = objectiveIds(v, r);
            if (!objectiveIds.contains(r.objectiveId())) {
                LOG.warnf("compliance %s: objective %s is not in agreement %s version %d (in force at %s); no credit",
                        r.id(), r.objectiveId(), v.agreementId(), v.version(), r.periodEnd());
                return resolve(c, r, ComplianceOutcome.UNKNOWN_OBJECTIVE, null, null);
            }
            CreditCalculator.Coverage coverage = CreditCalculator.coverage(r.periodStart(), r.periodEnd(),
                    v.effectiveFrom(), v.effectiveTo());
            CreditDecision own;
            try {
                own = CreditCalculator.decide(r.good(), r.total(), v.compensation(), coverage);
            } catch (InvalidCompensationException e) {
                return invalid(c, r, v, e);
            }
            return lines.find(c, r.agreementId(), r.objectiveId(), r.periodStart()).chain(previous -> {
                if (previous != null && previous.isFinal() && previous.good() == r.good()
                        && previous.total() == r.total()) {
                    // a FINAL replayed under a new id with the same figures changes nothing
                    return resolve(c, r, ComplianceOutcome.UNCHANGED, null, null);
                }
                return lines.upsert(c, line(r, v.tenant(), v.version(), own))
                        .chain(() -> lines.finals(c, r.agreementId(), r.periodStart()))
                        .chain(finals -> aggregate(c, r, v, objectiveIds, coverage, finals, previous));
            });
        });
    }

    private Uni<Settlement> aggregate(SqlConnection c, ComplianceRecord r, AgreementSnapshot v,
                                      List<String> objectiveIds, CreditCalculator.Coverage coverage,
                                      List<ObjectiveLine> finals, ObjectiveLine previous) {
        Map<String, ObjectiveLine> byObjective = new HashMap<>();
        finals.forEach(l -> byObjective.put(l.objectiveId(), l));
        if (!byObjective.keySet().containsAll(objectiveIds)) {
            return resolve(c, r, ComplianceOutcome.AWAITING_OBJECTIVES, null, null);
        }
        PeriodCredit credit;
        try {
            List<PeriodCredit.ObjectiveResult> results = new ArrayList<>();
            for (String id : objectiveIds) {
                ObjectiveLine l = byObjective.get(id);
                results.add(new PeriodCredit.ObjectiveResult(id, l.attainment(),
                        CreditCalculator.decide(l.good(), l.total(), v.compensation(), coverage)));
            }
            credit = CreditCalculator.aggregate(v.compensation(), coverage, results);
        } catch (InvalidCompensationException e) {
            return invalid(c, r, v, e);
        }
        String objectiveKey = objectiveIds.size() == 1 ? objectiveIds.get(0) : AGREEMENT_LEVEL;
        String key = idempotencyKey(r.agreementId(), objectiveKey, r.periodStart());
        String change = previous != null && previous.isFinal()
                ? "late data" + (objectiveIds.size() == 1 ? "" : " on objective " + r.objectiveId())
                  + ": attainment " + previous.attainment().toPlainString() + " → " + attainmentOf(r).toPlainString()
                : null;
        // one credit per agreement and period: if a later version changed the objectives (and so the
        // key) after the period was booked, the booked credit is recomputed, never a second one
        return ledger.forPeriodForUpdate(c, r.agreementId(), r.periodStart()).chain(rows -> {
            LedgerEntry existing = rows.stream().filter(e -> e.idempotencyKey().equals(key)).findFirst()
                    .orElse(rows.size() == 1 ? rows.get(0) : null);
            return existing == null
                    ? book(c, r, v, objectiveKey, key, credit)
                    : reconcile(c, r, v, existing, credit, change == null ? "recomputed: objective " + r.objectiveId()
                            + " became final" : change);
        });
    }

    /** The first computation of a period's credit. */
    private Uni<Settlement> book(SqlConnection c, ComplianceRecord r, AgreementSnapshot v, String objectiveKey,
                                 String key, PeriodCredit credit) {
        if (credit.kind() == PeriodCredit.Kind.NONE) {
            return resolve(c, r, credit.outcome(), null, null);
        }
        Instant now = now();
        LedgerEntry entry = newEntry(r, v, objectiveKey, key, credit, now);
        CreditState state = entry.state();
        return ledger.insertIfAbsent(c, entry).chain(inserted -> {
            if (!inserted) {
                // cannot happen under the advisory lock; the unique key is the backstop
                return ledger.creditIdFor(c, key)
                        .chain(existing -> resolve(c, r, ComplianceOutcome.ALREADY_CREDITED, existing, null));
            }
            return ledger.history(c, entry.creditId(), now, null, state, null, entry.amount(),
                            bookedReason(credit), r.id())
                    .chain(() -> state == CreditState.ISSUED ? outbox.insert(c, issuedEvent(entry, now))
                            : Uni.createFrom().item(false))
                    .chain(() -> resolve(c, r, bookedOutcome(state), entry.creditId(), entry));
        });
    }

    /** The ledger row of a period's first computation (a credit that is not NONE). */
    static LedgerEntry newEntry(ComplianceRecord r, AgreementSnapshot v, String objectiveKey, String key,
                                        PeriodCredit credit, Instant now) {
        Compensation comp = v.compensation();
        CreditState state = credit.kind() == PeriodCredit.Kind.BELOW_MINIMUM ? CreditState.BELOW_MINIMUM
                : comp.claimRequired() ? CreditState.ENTITLED : CreditState.ISSUED;
        return new LedgerEntry(creditId(key), key, r.agreementId(), v.version(), objectiveKey, v.tenant(),
                r.periodStart(), r.periodEnd(), credit.attainment(), credit.tierBelowPercent(),
                credit.creditPercent(), credit.amount(), credit.currency(), state, r.id(), now,
                credit.computedAmount(), credit.reason(), comp.effectiveAggregation().name(),
                claimDeadline(v, r.periodEnd()), null, null);
    }

    static String bookedReason(PeriodCredit credit) {
        return credit.reason() != null ? credit.reason() : "computed";
    }

    static ComplianceOutcome bookedOutcome(CreditState state) {
        return state == CreditState.BELOW_MINIMUM ? ComplianceOutcome.BELOW_MINIMUM : ComplianceOutcome.CREDITED;
    }

    /**
     * A period's credit computed again (late data, or the last objective of a period becoming final
     * after a version change). A published credit keeps its state and, when its amount changes,
     * gets a CreditAdjusted; a credit never published simply takes the new figures and state.
     */
    private Uni<Settlement> reconcile(SqlConnection c, ComplianceRecord r, AgreementSnapshot v, LedgerEntry existing,
                                      PeriodCredit credit, String change) {
        int scale = CreditCalculator.currencyScale(existing.currency());
        BigDecimal newAmount = credit.kind() == PeriodCredit.Kind.PAYABLE ? credit.amount()
                : BigDecimal.ZERO.setScale(scale);
        Compensation comp = v.compensation();
        CreditState newState;
        if (existing.published()) {
            newState = existing.state();
        } else {
            newState = switch (credit.kind()) {
                case PAYABLE -> comp.claimRequired() ? CreditState.ENTITLED : CreditState.ISSUED;
                case BELOW_MINIMUM -> CreditState.BELOW_MINIMUM;
                case NONE -> CreditState.VOIDED;
            };
        }
        String reason = credit.reason() == null ? change : change + "; " + credit.reason();
        Instant now = now();
        LedgerEntry updated = new LedgerEntry(existing.creditId(), existing.idempotencyKey(), existing.agreementId(),
                v.version(), existing.objectiveId(), existing.tenant(), existing.periodStart(), existing.periodEnd(),
                credit.attainment(), credit.tierBelowPercent(), credit.creditPercent(), newAmount,
                existing.currency(), newState, r.id(), existing.createdAt(), credit.computedAmount(), reason,
                comp.effectiveAggregation().name(),
                existing.claimDeadline() != null ? existing.claimDeadline() : claimDeadline(v, existing.periodEnd()),
                existing.claimedAt(), existing.claimedBy());
        boolean amountChanged = existing.amount().compareTo(newAmount) != 0;
        ComplianceOutcome outcome;
        Uni<Boolean> event;
        if (existing.published() && amountChanged) {
            outcome = ComplianceOutcome.ADJUSTED;
            event = outbox.insert(c, adjustedEvent(existing, newAmount, reason, r.id(), now));
        } else if (!existing.published() && newState == CreditState.ISSUED) {
            outcome = ComplianceOutcome.CREDITED;
            event = outbox.insert(c, issuedEvent(updated, now));
        } else {
            outcome = ComplianceOutcome.RECOMPUTED;
            event = Uni.createFrom().item(false);
        }
        LOG.infof("credit %s (%s): %s; %s %s -> %s %s", existing.creditId(), existing.idempotencyKey(), reason,
                existing.state(), existing.amount().toPlainString(), newState, newAmount.toPlainString());
        return ledger.update(c, updated, now)
                .chain(() -> ledger.history(c, existing.creditId(), now, existing.state(), newState,
                        existing.amount(), newAmount, reason, r.id()))
                .chain(() -> event)
                .chain(() -> resolve(c, r, outcome, existing.creditId(),
                        outcome == ComplianceOutcome.CREDITED ? updated : null));
    }

    private Uni<Settlement> invalid(SqlConnection c, ComplianceRecord r, AgreementSnapshot v,
                                    InvalidCompensationException e) {
        LOG.errorf("compliance %s: agreement %s version %d has an unusable compensation schedule (%s); no credit",
                r.id(), v.agreementId(), v.version(), e.getMessage());
        return resolve(c, r, ComplianceOutcome.INVALID_COMPENSATION, null, null);
    }

    /** The objectives a period's credit waits for: the version's, or the record's own when the version lists none. */
    static List<String> objectiveIds(AgreementSnapshot v, ComplianceRecord r) {
        List<String> ids = v.objectives().stream().map(ObjectiveSpec::objectiveId).distinct().toList();
        return ids.isEmpty() ? List.of(r.objectiveId()) : ids;
    }

    /**
     * Last instant a claim is accepted: the period's end plus the claim window in calendar days of
     * the agreement's time zone; null for automatic agreements or a period without an end.
     */
    static Instant claimDeadline(AgreementSnapshot v, Instant periodEnd) {
        if (v.compensation() == null || !v.compensation().claimRequired() || periodEnd == null) {
            return null;
        }
        ZoneId zone;
        try {
            zone = v.zone();
        } catch (DateTimeException | NullPointerException e) {
            zone = ZoneOffset.UTC;
        }
        return periodEnd.atZone(zone).plusDays(v.compensation().effectiveClaimWindowDays()).toInstant();
    }

    private ObjectiveLine line(ComplianceRecord r, String tenant, int version, CreditDecision own) {
        return line(r, tenant, version, own, now());
    }

    static ObjectiveLine line(ComplianceRecord r, String tenant, int version, CreditDecision own, Instant at) {
        return new ObjectiveLine(r.agreementId(), r.objectiveId(), r.periodStart(), r.periodEnd(), tenant, version,
                r.status().name(), r.good(), r.total(), attainmentOf(r), r.target(),
                r.excluded() == null ? null : r.excluded().toSeconds(), r.breaches(),
                own == null ? null : own.tierBelowPercent(), own == null ? null : own.creditPercent(), r.id(), at);
    }

    static BigDecimal attainmentOf(ComplianceRecord r) {
        return r.attainment() != null ? r.attainment() : CreditCalculator.attainment(r.good(), r.total());
    }

    static OutboxEvent issuedEvent(LedgerEntry e, Instant issuedAt) {
        UUID id = issuedEventId(e.idempotencyKey());
        CreditIssued data = new CreditIssued(id.toString(), e.creditId().toString(), e.idempotencyKey(),
                e.agreementId(), e.agreementVersion(), e.objectiveId(), e.tenant(), e.periodStart(), e.periodEnd(),
                e.attainment(), e.tierBelowPercent(), e.creditPercent(), e.amount(), e.currency(), issuedAt);
        return new OutboxEvent(0, id, EventType.CREDIT_ISSUED, e.idempotencyKey(), e.creditId().toString(),
                EventCodec.encode(data), issuedAt);
    }

    private static OutboxEvent adjustedEvent(LedgerEntry e, BigDecimal newAmount, String reason, String complianceId,
                                             Instant at) {
        UUID id = adjustedEventId(e.idempotencyKey(), complianceId);
        int scale = CreditCalculator.currencyScale(e.currency());
        BigDecimal previous = e.amount().setScale(scale);
        CreditAdjusted data = new CreditAdjusted(id.toString(), e.creditId().toString(), e.idempotencyKey(),
                e.agreementId(), e.objectiveId(), e.tenant(), e.periodStart(), e.periodEnd(), previous,
                newAmount.setScale(scale), newAmount.subtract(previous).setScale(scale), e.currency(), reason, at);
        return new OutboxEvent(0, id, EventType.CREDIT_ADJUSTED, e.idempotencyKey(), e.creditId().toString(),
                EventCodec.encode(data), at);
    }

    private Uni<Settlement> resolve(SqlConnection c, ComplianceRecord r, ComplianceOutcome outcome, UUID creditId,
                                    LedgerEntry newCredit) {
        return compliance.settle(c, r.id(), outcome, creditId, now())
                .replaceWith(new Settlement(r.id(), outcome, newCredit));
    }

    private void countCommitted(Settlement s) {
        if (s.newCredit() != null) {
            metrics.creditIssued(s.newCredit().state());
        }
        if (s.outcome() == ComplianceOutcome.ADJUSTED) {
            metrics.creditAdjusted();
        }
    }

    // PostgreSQL keeps microseconds; truncating here keeps the event and the ledger row identical
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
