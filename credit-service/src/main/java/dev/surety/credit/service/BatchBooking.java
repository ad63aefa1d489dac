package dev.surety.credit.service;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.credit.CreditState;
import dev.surety.credit.repository.BookingRepository;
import dev.surety.credit.repository.BookingRepository.NewRecord;
import dev.surety.credit.repository.LedgerEntry;
import dev.surety.credit.repository.ObjectiveLine;
import dev.surety.credit.repository.OutboxEvent;
import dev.surety.events.AgreementSnapshot;
import dev.surety.credit.service.CreditLedgerService.Received;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.ComplianceStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The multi-row path of a compliance batch. It stores the batch's new records, and decides the
 * FINAL records that open their period's credit on a single-objective agreement, each the only new
 * record of its agreement in the batch, so nothing else in the batch can change what they find: in
 * memory and with the same rules as {@link CreditLedgerService}'s record-at-a-time {@code settle}
 * and {@code book}, the objective line, the ledger row, its history, its CreditIssued and the
 * record's outcome. Records and decisions are written with one statement ({@link BookingRepository}).
 * A record whose period already has a line or a credit, whose agreement version lists other
 * objectives, or whose schedule is unusable is stored with its arrival outcome and left to the
 * record-at-a-time path. Runs under the agreements' advisory locks, in the batch's transaction.
 */
final class BatchBooking {

    private final Instant now;
    private final Map<String, Settlement> settled = new HashMap<>();
    private final List<ObjectiveLine> lines = new ArrayList<>();
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    // outcomes decided here, by record id (a PENDING_AGREEMENT record keeps its arrival outcome)
    private final Map<String, Decision> decisions = new HashMap<>();

    /** @param creditKey the key of the ledger row the outcome depends on (see {@link NewRecord}) */
    private record Decision(ComplianceOutcome outcome, UUID creditId, String creditKey) {
    }

    private BatchBooking(Instant now) {
        this.now = now;
    }

    /**
     * Decides each candidate in memory.
     *
     * @param versions per agreement, every version stored for it (absent: none yet)
     */
    static BatchBooking plan(List<ComplianceRecord> candidates, Map<String, List<AgreementSnapshot>> versions,
                             Instant now) {
        BatchBooking booking = new BatchBooking(now);
        for (ComplianceRecord r : candidates) {
            booking.decide(r, versions.getOrDefault(r.agreementId(), List.of()));
        }
        return booking;
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
            decisions.put(r.id(), new Decision(credit.outcome(), null, null));
            settled.put(r.id(), new Settlement(r.id(), credit.outcome(), null));
            return;
        }
        String key = CreditLedgerService.idempotencyKey(r.agreementId(), r.objectiveId(), r.periodStart());
        entries.add(CreditLedgerService.newEntry(r, v, r.objectiveId(), key, credit, now));
        reasons.add(CreditLedgerService.bookedReason(credit));
    }

    /**
     * Stores the batch's new records and writes what was decided, in one statement: records (with
     * their outcomes when decided here), lines, ledger rows, history, outbox.
     *
     * @param fresh the batch's records not stored before, distinct ids, in batch order
     * @return the settlement of every record decided here, by record id; records not in it are
     *         left to the record-at-a-time path
     */
    Uni<Map<String, Settlement>> write(SqlConnection c, BookingRepository repository, List<Received> fresh) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().item(settled);
        }
        List<OutboxEvent> events = new ArrayList<>();
        for (LedgerEntry e : entries) {
            decisions.put(e.complianceId(), new Decision(CreditLedgerService.bookedOutcome(e.state()), e.creditId(),
                    e.idempotencyKey()));
            if (e.state() == CreditState.ISSUED) {
                // written only if the row is inserted
                events.add(CreditLedgerService.issuedEvent(e, now));
            }
        }
        List<NewRecord> records = new ArrayList<>(fresh.size());
        for (Received received : fresh) {
            ComplianceRecord r = received.record();
            Decision d = decisions.get(r.id());
            boolean fin = r.status() == ComplianceStatus.FINAL;
            records.add(d != null ? new NewRecord(r, received.document(), d.outcome(), now, d.creditId(), d.creditKey())
                    // what is known at arrival; settled below (record-at-a-time) or when its agreement arrives
                    : new NewRecord(r, received.document(),
                            fin ? ComplianceOutcome.PENDING_AGREEMENT : ComplianceOutcome.PROVISIONAL,
                            fin ? null : now, null, null));
        }
        return repository.write(c, records, lines, entries, reasons, events, now).map(written -> {
            if (written.recordIds().size() != records.size()) {
                // every writer of these ids holds the agreements' locks and the look-up found none of
                // them: an id stored meanwhile is another agreement's record under the same id. Roll
                // back; the retry finds it and treats this one as a redelivery, as one at a time would.
                throw new IllegalStateException((records.size() - written.recordIds().size())
                        + " compliance record ids were stored concurrently; the batch is applied again");
            }
            for (LedgerEntry e : entries) {
                if (written.creditKeys().contains(e.idempotencyKey())) {
                    ComplianceOutcome outcome = CreditLedgerService.bookedOutcome(e.state());
                    settled.put(e.complianceId(), new Settlement(e.complianceId(), outcome, e));
                } else {
                    // cannot happen under the advisory locks; the unique key is the backstop (the
                    // statement recorded ALREADY_CREDITED with the key's credit id, derived from the key)
                    settled.put(e.complianceId(), new Settlement(e.complianceId(),
                            ComplianceOutcome.ALREADY_CREDITED, null));
                }
            }
            return settled;
        });
    }
}
