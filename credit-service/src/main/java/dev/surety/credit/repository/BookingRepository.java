package dev.surety.credit.repository;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.events.ComplianceRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The writes of a compliance batch in one statement (one data-modifying CTE): the new compliance
 * records, each with its outcome when the batch decided it, the FINAL objective lines, the new
 * ledger rows, and the history row and outbox event of each ledger row actually inserted. One
 * statement instead of seven (one round trip, one plan), and each record is written once with its
 * outcome rather than inserted and then updated.
 */
@ApplicationScoped
public class BookingRepository {

    private static final String LINE_COLUMNS = """
            agreement_id, objective_id, period_start, period_end, tenant, agreement_version, status, good, total,
            attainment, target, excluded_seconds, breaches, tier_below_percent, credit_percent, compliance_id,
            updated_at""";

    private static final String CREDIT_COLUMNS = """
            credit_id, idempotency_key, agreement_id, agreement_version, objective_id, tenant, period_start,
            period_end, attainment, tier_below_percent, credit_percent, amount, currency, state, compliance_id,
            created_at, computed_amount, reason, aggregation, claim_deadline, claimed_at, claimed_by""";

    private static final String SQL = """
            WITH line_in AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[],
                    $6::int[], $7::text[], $8::bigint[], $9::bigint[], $10::numeric[], $11::numeric[], $12::bigint[],
                    $13::int[], $14::numeric[], $15::numeric[], $16::text[], $17::timestamptz[])
                    AS t(%1$s)),
            lines AS (
                INSERT INTO objective_line (%1$s) SELECT %1$s FROM line_in
                ON CONFLICT (agreement_id, objective_id, period_start) DO UPDATE SET
                    period_end = EXCLUDED.period_end, tenant = EXCLUDED.tenant,
                    agreement_version = EXCLUDED.agreement_version, status = EXCLUDED.status, good = EXCLUDED.good,
                    total = EXCLUDED.total, attainment = EXCLUDED.attainment, target = EXCLUDED.target,
                    excluded_seconds = EXCLUDED.excluded_seconds, breaches = EXCLUDED.breaches,
                    tier_below_percent = EXCLUDED.tier_below_percent, credit_percent = EXCLUDED.credit_percent,
                    compliance_id = EXCLUDED.compliance_id, updated_at = EXCLUDED.updated_at),
            credit_in AS (
                SELECT * FROM unnest($18::uuid[], $19::text[], $20::text[], $21::int[], $22::text[], $23::text[],
                    $24::timestamptz[], $25::timestamptz[], $26::numeric[], $27::numeric[], $28::numeric[],
                    $29::numeric[], $30::text[], $31::text[], $32::text[], $33::timestamptz[], $34::numeric[],
                    $35::text[], $36::text[], $37::timestamptz[], $38::timestamptz[], $39::text[], $40::text[])
                    WITH ORDINALITY AS t(%2$s, history_reason, n)),
            credits AS (
                INSERT INTO credit (%2$s, updated_at) SELECT %2$s, created_at FROM credit_in ORDER BY n
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING idempotency_key),
            history AS (
                INSERT INTO credit_history (credit_id, at, previous_state, new_state, previous_amount, new_amount,
                    reason, compliance_id)
                SELECT i.credit_id, $63::timestamptz, NULL::text, i.state, NULL::numeric, i.amount, i.history_reason,
                    i.compliance_id
                FROM credit_in i JOIN credits c ON c.idempotency_key = i.idempotency_key ORDER BY i.n),
            events AS (
                INSERT INTO outbox (event_id, event_type, event_key, subject, payload, occurred_at)
                SELECT event_id, event_type, event_key, subject, payload, occurred_at
                FROM unnest($41::uuid[], $42::text[], $43::text[], $44::text[], $45::bytea[], $46::timestamptz[])
                    WITH ORDINALITY AS t(event_id, event_type, event_key, subject, payload, occurred_at, n)
                WHERE event_key IN (SELECT idempotency_key FROM credits)
                ORDER BY n
                ON CONFLICT (event_id) DO NOTHING),
            records AS (
                INSERT INTO compliance_record (id, agreement_id, agreement_version, objective_id, tenant, period_start,
                    period_end, good, total, attainment, status, document, received_at, outcome, processed_at,
                    credit_id)
                SELECT id, agreement_id, agreement_version, objective_id, tenant, period_start, period_end, good,
                    total, attainment, status, doc::jsonb, $63::timestamptz,
                    CASE WHEN credit_key IS NULL OR credit_key IN (SELECT idempotency_key FROM credits)
                        THEN outcome ELSE '%3$s' END,
                    processed_at, credit_id
                FROM unnest($47::text[], $48::text[], $49::int[], $50::text[], $51::text[], $52::timestamptz[],
                    $53::timestamptz[], $54::bigint[], $55::bigint[], $56::numeric[], $57::text[], $58::text[],
                    $59::text[], $60::timestamptz[], $61::uuid[], $62::text[]) WITH ORDINALITY
                    AS t(id, agreement_id, agreement_version, objective_id, tenant, period_start, period_end, good,
                        total, attainment, status, doc, outcome, processed_at, credit_id, credit_key, n)
                ORDER BY n
                ON CONFLICT (id) DO NOTHING
                RETURNING id)
            SELECT 'credit' AS kind, idempotency_key AS value FROM credits
            UNION ALL SELECT 'record', id FROM records""".formatted(LINE_COLUMNS, CREDIT_COLUMNS,
            ComplianceOutcome.ALREADY_CREDITED.name());

    /**
     * A compliance record to store, with its outcome.
     *
     * @param document    the record JSON as delivered
     * @param outcome     what was decided, or what is known at arrival when it is left to be settled later
     * @param processedAt null while the record still waits for something
     * @param creditId    the ledger row the outcome names, or null
     * @param creditKey   the idempotency key of the ledger row the outcome depends on: if that row is
     *                    not inserted (its key was taken), the outcome is ALREADY_CREDITED instead
     */
    public record NewRecord(ComplianceRecord record, byte[] document, ComplianceOutcome outcome, Instant processedAt,
                            UUID creditId, String creditKey) {
    }

    /** What {@link #write} inserted. */
    public record Written(Set<String> recordIds, Set<String> creditKeys) {
    }

    /**
     * Writes, in one statement: the compliance records unless their id exists (in list order, so
     * {@code seq} keeps arrival order); the FINAL lines (each replaces whatever line its key had); the
     * ledger rows unless their idempotency key exists; and for each ledger row inserted, its history
     * row (reason from {@code historyReasons}) and its outbox events.
     *
     * @param records        distinct ids
     * @param lines          FINAL lines, one per key
     * @param entries        new ledger rows, distinct keys, in the order their history is appended
     * @param historyReasons per entry, the reason of its first history row
     * @param events         outbox events, each keyed by its credit's idempotency key, in outbox order
     * @param at             arrival time of the records, time of the history rows
     */
    public Uni<Written> write(SqlConnection c, List<NewRecord> records, List<ObjectiveLine> lines,
                              List<LedgerEntry> entries, List<String> historyReasons, List<OutboxEvent> events,
                              Instant at) {
        Tuple t = Tuple.tuple();
        addLines(t, lines);
        addEntries(t, entries);
        t.addArrayOfString(historyReasons.toArray(String[]::new));
        t.addArrayOfUUID(events.stream().map(OutboxEvent::eventId).toArray(UUID[]::new))
                .addArrayOfString(events.stream().map(e -> e.type().name()).toArray(String[]::new))
                .addArrayOfString(events.stream().map(OutboxEvent::key).toArray(String[]::new))
                .addArrayOfString(events.stream().map(OutboxEvent::subject).toArray(String[]::new))
                // bytea[]: the client binds an array of core buffers
                .addValue(events.stream().map(e -> io.vertx.core.buffer.Buffer.buffer(e.payload()))
                        .toArray(io.vertx.core.buffer.Buffer[]::new))
                .addArrayOfOffsetDateTime(events.stream().map(e -> Sql.ts(e.occurredAt()))
                        .toArray(OffsetDateTime[]::new));
        addRecords(t, records);
        t.addOffsetDateTime(Sql.ts(at));
        return c.preparedQuery(SQL).execute(t).map(rows -> {
            Set<String> recordIds = new HashSet<>();
            Set<String> creditKeys = new HashSet<>();
            for (Row r : rows) {
                ("credit".equals(r.getString("kind")) ? creditKeys : recordIds).add(r.getString("value"));
            }
            return new Written(recordIds, creditKeys);
        });
    }

    private static void addRecords(Tuple t, List<NewRecord> records) {
        int n = records.size();
        String[] ids = new String[n];
        String[] agreementIds = new String[n];
        Integer[] versions = new Integer[n];
        String[] objectiveIds = new String[n];
        String[] tenants = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        Long[] good = new Long[n];
        Long[] total = new Long[n];
        BigDecimal[] attainments = new BigDecimal[n];
        String[] statuses = new String[n];
        String[] docs = new String[n];
        String[] outcomes = new String[n];
        OffsetDateTime[] processed = new OffsetDateTime[n];
        UUID[] creditIds = new UUID[n];
        String[] creditKeys = new String[n];
        for (int i = 0; i < n; i++) {
            NewRecord nr = records.get(i);
            ComplianceRecord r = nr.record();
            ids[i] = r.id();
            agreementIds[i] = r.agreementId();
            versions[i] = r.agreementVersion();
            objectiveIds[i] = r.objectiveId();
            tenants[i] = r.tenant();
            starts[i] = Sql.ts(r.periodStart());
            ends[i] = Sql.ts(r.periodEnd());
            good[i] = r.good();
            total[i] = r.total();
            attainments[i] = r.attainment();
            statuses[i] = r.status().name();
            docs[i] = new String(nr.document(), StandardCharsets.UTF_8);
            outcomes[i] = nr.outcome().name();
            processed[i] = Sql.ts(nr.processedAt());
            creditIds[i] = nr.creditId();
            creditKeys[i] = nr.creditKey();
        }
        t.addArrayOfString(ids).addArrayOfString(agreementIds).addArrayOfInteger(versions)
                .addArrayOfString(objectiveIds).addArrayOfString(tenants).addArrayOfOffsetDateTime(starts)
                .addArrayOfOffsetDateTime(ends).addArrayOfLong(good).addArrayOfLong(total)
                .addArrayOfBigDecimal(attainments).addArrayOfString(statuses).addArrayOfString(docs)
                .addArrayOfString(outcomes).addArrayOfOffsetDateTime(processed).addArrayOfUUID(creditIds)
                .addArrayOfString(creditKeys);
    }

    private static void addLines(Tuple t, List<ObjectiveLine> lines) {
        int n = lines.size();
        String[] agreementIds = new String[n];
        String[] objectiveIds = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        String[] tenants = new String[n];
        Integer[] versions = new Integer[n];
        String[] statuses = new String[n];
        Long[] good = new Long[n];
        Long[] total = new Long[n];
        BigDecimal[] attainments = new BigDecimal[n];
        BigDecimal[] targets = new BigDecimal[n];
        Long[] excluded = new Long[n];
        Integer[] breaches = new Integer[n];
        BigDecimal[] tiers = new BigDecimal[n];
        BigDecimal[] percents = new BigDecimal[n];
        String[] complianceIds = new String[n];
        OffsetDateTime[] updated = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            ObjectiveLine l = lines.get(i);
            if (!l.isFinal()) {
                throw new IllegalArgumentException("not a FINAL line: " + l);
            }
            agreementIds[i] = l.agreementId();
            objectiveIds[i] = l.objectiveId();
            starts[i] = Sql.ts(l.periodStart());
            ends[i] = Sql.ts(l.periodEnd());
            tenants[i] = l.tenant();
            versions[i] = l.agreementVersion();
            statuses[i] = l.status();
            good[i] = l.good();
            total[i] = l.total();
            attainments[i] = l.attainment();
            targets[i] = l.target();
            excluded[i] = l.excludedSeconds();
            breaches[i] = l.breaches();
            tiers[i] = l.tierBelowPercent();
            percents[i] = l.creditPercent();
            complianceIds[i] = l.complianceId();
            updated[i] = Sql.ts(l.updatedAt());
        }
        t.addArrayOfString(agreementIds).addArrayOfString(objectiveIds).addArrayOfOffsetDateTime(starts)
                .addArrayOfOffsetDateTime(ends).addArrayOfString(tenants).addArrayOfInteger(versions)
                .addArrayOfString(statuses).addArrayOfLong(good).addArrayOfLong(total)
                .addArrayOfBigDecimal(attainments).addArrayOfBigDecimal(targets).addArrayOfLong(excluded)
                .addArrayOfInteger(breaches).addArrayOfBigDecimal(tiers).addArrayOfBigDecimal(percents)
                .addArrayOfString(complianceIds).addArrayOfOffsetDateTime(updated);
    }

    private static void addEntries(Tuple t, List<LedgerEntry> entries) {
        int n = entries.size();
        UUID[] creditIds = new UUID[n];
        String[] keys = new String[n];
        String[] agreementIds = new String[n];
        Integer[] versions = new Integer[n];
        String[] objectiveIds = new String[n];
        String[] tenants = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        BigDecimal[] attainments = new BigDecimal[n];
        BigDecimal[] tiers = new BigDecimal[n];
        BigDecimal[] percents = new BigDecimal[n];
        BigDecimal[] amounts = new BigDecimal[n];
        String[] currencies = new String[n];
        String[] states = new String[n];
        String[] complianceIds = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        BigDecimal[] computed = new BigDecimal[n];
        String[] reasons = new String[n];
        String[] aggregations = new String[n];
        OffsetDateTime[] deadlines = new OffsetDateTime[n];
        OffsetDateTime[] claimedAt = new OffsetDateTime[n];
        String[] claimedBy = new String[n];
        for (int i = 0; i < n; i++) {
            LedgerEntry e = entries.get(i);
            creditIds[i] = e.creditId();
            keys[i] = e.idempotencyKey();
            agreementIds[i] = e.agreementId();
            versions[i] = e.agreementVersion();
            objectiveIds[i] = e.objectiveId();
            tenants[i] = e.tenant();
            starts[i] = Sql.ts(e.periodStart());
            ends[i] = Sql.ts(e.periodEnd());
            attainments[i] = e.attainment();
            tiers[i] = e.tierBelowPercent();
            percents[i] = e.creditPercent();
            amounts[i] = e.amount();
            currencies[i] = e.currency();
            states[i] = e.state().name();
            complianceIds[i] = e.complianceId();
            created[i] = Sql.ts(e.createdAt());
            computed[i] = e.computedAmount();
            reasons[i] = e.reason();
            aggregations[i] = e.aggregation();
            deadlines[i] = Sql.ts(e.claimDeadline());
            claimedAt[i] = Sql.ts(e.claimedAt());
            claimedBy[i] = e.claimedBy();
        }
        t.addArrayOfUUID(creditIds).addArrayOfString(keys).addArrayOfString(agreementIds)
                .addArrayOfInteger(versions).addArrayOfString(objectiveIds).addArrayOfString(tenants)
                .addArrayOfOffsetDateTime(starts).addArrayOfOffsetDateTime(ends).addArrayOfBigDecimal(attainments)
                .addArrayOfBigDecimal(tiers).addArrayOfBigDecimal(percents).addArrayOfBigDecimal(amounts)
                .addArrayOfString(currencies).addArrayOfString(states).addArrayOfString(complianceIds)
                .addArrayOfOffsetDateTime(created).addArrayOfBigDecimal(computed).addArrayOfString(reasons)
                .addArrayOfString(aggregations).addArrayOfOffsetDateTime(deadlines)
                .addArrayOfOffsetDateTime(claimedAt).addArrayOfString(claimedBy);
    }
}
