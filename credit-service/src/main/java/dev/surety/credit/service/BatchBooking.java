package dev.surety.credit.service;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.credit.CreditState;
import dev.surety.credit.repository.AgreementSnapshotRepository;
import dev.surety.credit.repository.ComplianceRecordRepository;
import dev.surety.credit.repository.ComplianceRecordRepository.Decision;
import dev.surety.credit.repository.LedgerEntry;
import dev.surety.credit.repository.LedgerRepository;
import dev.surety.credit.repository.LedgerRepository.Change;
import dev.surety.credit.repository.ObjectiveLine;
import dev.surety.credit.repository.ObjectiveLineRepository;
import dev.surety.credit.repository.OutboxEvent;
import dev.surety.credit.repository.OutboxRepository;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.ComplianceRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The multi-row path of a compliance batch: FINAL records that open their period's credit on a
 * single-objective agreement, each the only new record of its agreement in the batch, so nothing
 * else in the batch can change what they find. For those it decides, in memory and with the same
 * rules as {@link CreditLedgerService}'s record-at-a-time {@code settle} and {@code book}, the
 * objective line, the ledger row, its history, its CreditIssued and the record's outcome, and writes
 * each kind with one statement. A record whose period already has a line or a credit, whose
 * agreement version lists other objectives, or whose schedule is unusable is left to the
 * record-at-a-time path. Runs under the agreements' advisory locks, in the batch's transaction.
 */
final class BatchBooking {

    private final Instant now;
    private final Map<String, Settlement> settled = new HashMap<>();
    private final List<ObjectiveLine> lines = new ArrayList<>();
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();

    private BatchBooking(Instant now) {
        this.now = now;
    }

    /** Looks up what the candidates depend on (three queries) and decides each in memory. */
    static Uni<BatchBooking> plan(SqlConnection c, List<ComplianceRecord> candidates,
                                  AgreementSnapshotRepository agreements, ObjectiveLineRepository lineRepository,
                                  LedgerRepository ledger, Instant now) {
        BatchBooking booking = new BatchBooking(now);
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(booking);
        }
        List<String> agreementIds = candidates.stream().map(ComplianceRecord::agreementId).toList();
        List<String> objectiveIds = candidates.stream().map(ComplianceRecord::objectiveId).toList();
        List<Instant> periodStarts = candidates.stream().map(ComplianceRecord::periodStart).toList();
        return agreements.versionsOf(c, Set.copyOf(agreementIds))
                .chain(versions -> lineRepository.existing(c, agreementIds, objectiveIds, periodStarts)
                        .chain(withLine -> ledger.periodsWithCredits(c, agreementIds, periodStarts)
                                .map(withCredit -> {
                                    for (int i = 0; i < candidates.size(); i++) {
                                        if (!withLine.contains(i) && !withCredit.contains(i)) {
                                            ComplianceRecord r = candidates.get(i);
                                            booking.decide(r, versions.getOrDefault(r.agreementId(), List.of()));
                                        }
                                    }
                                    return booking;
                                })));
    }

    /** Decides one record, or leaves it to the record-at-a-time path. */
    private void decide(ComplianceRecord r, List<AgreementSnapshot> versions) {
        AgreementSnapshot v = VersionSelector.inForceAt(versions, r.periodEnd(), r.agreementVersion());
        if (v == null) {
            // stays PENDING_AGREEMENT, as stored; recordAgreement settles it
            settled.put(r.id(), new Settlement(r.id(), ComplianceOutcome.PENDING_AGREEMENT, null));
            return;
        }
        if (!CreditLedgerService.objectiveIds(v, r).equals(List.of(r.objectiveId()))) {
            return;
        }
        CreditCalculator.Coverage coverage = CreditCalculator.coverage(r.periodStart(), r.periodEnd(),
                v.effectiveFrom(), v.effectiveTo());
        ObjectiveLine line;
        PeriodCredit credit;
        try {
            CreditDecision own = CreditCalculator.decide(r.good(), r.total(), v.compensation(), coverage);
            line = CreditLedgerService.line(r, v.tenant(), v.version(), own, now);
            // the record-at-a-time path reads the line back: numeric keeps no negative scale
            BigDecimal attainment = line.attainment().scale() < 0 ? line.attainment().setScale(0)
                    : line.attainment();
            credit = CreditCalculator.aggregate(v.compensation(), coverage, List.of(
                    new PeriodCredit.ObjectiveResult(r.objectiveId(), attainment,
                            CreditCalculator.decide(line.good(), line.total(), v.compensation(), coverage))));
        } catch (InvalidCompensationException e) {
            return; // the record-at-a-time path logs it and records INVALID_COMPENSATION
        }
        lines.add(line);
        if (credit.kind() == PeriodCredit.Kind.NONE) {
            decisions.add(new Decision(r.id(), credit.outcome(), null));
            settled.put(r.id(), new Settlement(r.id(), credit.outcome(), null));
            return;
        }
        String key = CreditLedgerService.idempotencyKey(r.agreementId(), r.objectiveId(), r.periodStart());
        entries.add(CreditLedgerService.newEntry(r, v, r.objectiveId(), key, credit, now));
        reasons.add(CreditLedgerService.bookedReason(credit));
    }

    /**
     * Writes what was decided: lines, ledger rows, history, outbox, outcomes.
     *
     * @return the settlement of every record decided here, by record id; records not in it are
     *         left to the record-at-a-time path
     */
    Uni<Map<String, Settlement>> write(SqlConnection c, ObjectiveLineRepository lineRepository, LedgerRepository ledger,
                                       OutboxRepository outbox, ComplianceRecordRepository compliance) {
        if (settled.isEmpty() && lines.isEmpty()) {
            return Uni.createFrom().item(settled);
        }
        return lineRepository.upsertFinals(c, lines)
                .chain(() -> ledger.insertAllIfAbsent(c, entries))
                .chain(inserted -> {
                    List<Change> changes = new ArrayList<>();
                    List<OutboxEvent> events = new ArrayList<>();
                    List<LedgerEntry> taken = new ArrayList<>();
                    for (int i = 0; i < entries.size(); i++) {
                        LedgerEntry e = entries.get(i);
                        if (!inserted.contains(e.idempotencyKey())) {
                            taken.add(e);
                            continue;
                        }
                        changes.add(new Change(e.creditId(), now, null, e.state(), null, e.amount(), reasons.get(i),
                                e.complianceId()));
                        if (e.state() == CreditState.ISSUED) {
                            events.add(CreditLedgerService.issuedEvent(e, now));
                        }
                        ComplianceOutcome outcome = CreditLedgerService.bookedOutcome(e.state());
                        decisions.add(new Decision(e.complianceId(), outcome, e.creditId()));
                        settled.put(e.complianceId(), new Settlement(e.complianceId(), outcome, e));
                    }
                    // cannot happen under the advisory locks; the unique key is the backstop
                    return Multi.createFrom().iterable(taken)
                            .onItem().transformToUniAndConcatenate(e -> ledger.creditIdFor(c, e.idempotencyKey())
                                    .invoke(existing -> {
                                        decisions.add(new Decision(e.complianceId(),
                                                ComplianceOutcome.ALREADY_CREDITED, existing));
                                        settled.put(e.complianceId(), new Settlement(e.complianceId(),
                                                ComplianceOutcome.ALREADY_CREDITED, null));
                                    }))
                            .collect().asList()
                            .chain(() -> ledger.historyAll(c, changes))
                            .chain(() -> outbox.insertAll(c, events));
                })
                .chain(() -> compliance.settleAll(c, decisions, now))
                .replaceWith(settled);
    }
}
