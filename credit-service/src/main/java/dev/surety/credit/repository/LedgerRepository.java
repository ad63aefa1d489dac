package dev.surety.credit.repository;

import dev.surety.credit.CreditState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Writes to the credit ledger; the unique idempotency key makes a second credit for a period impossible. */
@ApplicationScoped
public class LedgerRepository {

    private static final String COLUMNS = """
            credit_id, idempotency_key, agreement_id, agreement_version, objective_id, tenant, period_start,
            period_end, attainment, tier_below_percent, credit_percent, amount, currency, state, compliance_id,
            created_at, computed_amount, reason, aggregation, claim_deadline, claimed_at, claimed_by""";

    /** Inserts the credit unless one with the same idempotency key exists; true when inserted. */
    public Uni<Boolean> insertIfAbsent(SqlConnection c, LedgerEntry e) {
        return c.preparedQuery("INSERT INTO credit (" + COLUMNS + ", updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                        + "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $16) "
                        + "ON CONFLICT (idempotency_key) DO NOTHING")
                .execute(tuple(e))
                .map(rs -> rs.rowCount() == 1);
    }

    /**
     * Inserts many credits in one statement, in list order, skipping those whose idempotency key
     * exists (as {@link #insertIfAbsent}). The keys must be distinct.
     *
     * @return the idempotency keys inserted
     */
    public Uni<Set<String>> insertAllIfAbsent(SqlConnection c, List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
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
        return c.preparedQuery("INSERT INTO credit (" + COLUMNS + ", updated_at) SELECT " + COLUMNS + ", created_at "
                        + "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], "
                        + "$7::timestamptz[], $8::timestamptz[], $9::numeric[], $10::numeric[], $11::numeric[], "
                        + "$12::numeric[], $13::text[], $14::text[], $15::text[], $16::timestamptz[], $17::numeric[], "
                        + "$18::text[], $19::text[], $20::timestamptz[], $21::timestamptz[], $22::text[]) "
                        + "WITH ORDINALITY AS t(" + COLUMNS + ", n) ORDER BY n "
                        + "ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key")
                .execute(Tuple.tuple().addArrayOfUUID(creditIds).addArrayOfString(keys)
                        .addArrayOfString(agreementIds).addArrayOfInteger(versions).addArrayOfString(objectiveIds)
                        .addArrayOfString(tenants).addArrayOfOffsetDateTime(starts).addArrayOfOffsetDateTime(ends)
                        .addArrayOfBigDecimal(attainments).addArrayOfBigDecimal(tiers).addArrayOfBigDecimal(percents)
                        .addArrayOfBigDecimal(amounts).addArrayOfString(currencies).addArrayOfString(states)
                        .addArrayOfString(complianceIds).addArrayOfOffsetDateTime(created)
                        .addArrayOfBigDecimal(computed).addArrayOfString(reasons).addArrayOfString(aggregations)
                        .addArrayOfOffsetDateTime(deadlines).addArrayOfOffsetDateTime(claimedAt)
                        .addArrayOfString(claimedBy))
                .map(rows -> {
                    Set<String> inserted = new HashSet<>();
                    for (Row r : rows) {
                        inserted.add(r.getString("idempotency_key"));
                    }
                    return inserted;
                });
    }

    /**
     * Which of the (agreement, period start) pairs already have a credit, in one query.
     *
     * @return the positions (0-based) in the lists of the pairs that have one
     */
    public Uni<Set<Integer>> periodsWithCredits(SqlConnection c, List<String> agreementIds,
                                                List<Instant> periodStarts) {
        if (agreementIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return c.preparedQuery("""
                        SELECT k.n FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY
                            AS k(agreement_id, period_start, n)
                        WHERE EXISTS (SELECT 1 FROM credit c WHERE c.agreement_id = k.agreement_id
                            AND c.period_start = k.period_start)""")
                .execute(Tuple.tuple().addArrayOfString(agreementIds.toArray(String[]::new))
                        .addArrayOfOffsetDateTime(periodStarts.stream().map(Sql::ts).toArray(OffsetDateTime[]::new)))
                .map(Sql::positions);
    }

    /** Rewrites a row after a recomputation or a claim (the key, ids, tenant and creation time never change). */
    public Uni<Void> update(SqlConnection c, LedgerEntry e, Instant at) {
        return c.preparedQuery("""
                        UPDATE credit SET agreement_version = $2, attainment = $3, tier_below_percent = $4,
                            credit_percent = $5, amount = $6, state = $7, compliance_id = $8, computed_amount = $9,
                            reason = $10, aggregation = $11, claim_deadline = $12, claimed_at = $13, claimed_by = $14,
                            updated_at = $15
                        WHERE credit_id = $1""")
                .execute(Tuple.tuple().addUUID(e.creditId()).addInteger(e.agreementVersion())
                        .addBigDecimal(e.attainment()).addBigDecimal(e.tierBelowPercent())
                        .addBigDecimal(e.creditPercent()).addBigDecimal(e.amount()).addString(e.state().name())
                        .addString(e.complianceId()).addBigDecimal(e.computedAmount()).addString(e.reason())
                        .addString(e.aggregation()).addOffsetDateTime(Sql.ts(e.claimDeadline()))
                        .addOffsetDateTime(Sql.ts(e.claimedAt())).addString(e.claimedBy())
                        .addOffsetDateTime(Sql.ts(at)))
                .replaceWithVoid();
    }

    /** Every credit of one agreement and period (normally one), locked for the transaction. */
    public Uni<List<LedgerEntry>> forPeriodForUpdate(SqlConnection c, String agreementId, Instant periodStart) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM credit WHERE agreement_id = $1 AND period_start = $2 "
                        + "ORDER BY idempotency_key FOR UPDATE")
                .execute(Tuple.tuple().addString(agreementId).addOffsetDateTime(Sql.ts(periodStart)))
                .map(LedgerRepository::entries);
    }

    /** Appends one change to a credit's history. */
    public Uni<Void> history(SqlConnection c, UUID creditId, Instant at, CreditState previousState,
                             CreditState newState, BigDecimal previousAmount, BigDecimal newAmount, String reason,
                             String complianceId) {
        return c.preparedQuery("""
                        INSERT INTO credit_history (credit_id, at, previous_state, new_state, previous_amount,
                            new_amount, reason, compliance_id)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.tuple().addUUID(creditId).addOffsetDateTime(Sql.ts(at))
                        .addString(previousState == null ? null : previousState.name()).addString(newState.name())
                        .addBigDecimal(previousAmount).addBigDecimal(newAmount).addString(reason)
                        .addString(complianceId))
                .replaceWithVoid();
    }

    /** One change of a credit, for {@link #historyAll}. */
    public record Change(UUID creditId, Instant at, CreditState previousState, CreditState newState,
                         BigDecimal previousAmount, BigDecimal newAmount, String reason, String complianceId) {
    }

    /** Appends many changes (as {@link #history}) in one statement, in list order. */
    public Uni<Void> historyAll(SqlConnection c, List<Change> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        INSERT INTO credit_history (credit_id, at, previous_state, new_state, previous_amount,
                            new_amount, reason, compliance_id)
                        SELECT credit_id, at, previous_state, new_state, previous_amount, new_amount, reason,
                            compliance_id
                        FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::numeric[],
                            $6::numeric[], $7::text[], $8::text[]) WITH ORDINALITY AS t(credit_id, at, previous_state,
                            new_state, previous_amount, new_amount, reason, compliance_id, n)
                        ORDER BY n""")
                .execute(Tuple.tuple()
                        .addArrayOfUUID(changes.stream().map(Change::creditId).toArray(UUID[]::new))
                        .addArrayOfOffsetDateTime(changes.stream().map(h -> Sql.ts(h.at()))
                                .toArray(OffsetDateTime[]::new))
                        .addArrayOfString(changes.stream().map(h -> h.previousState() == null ? null
                                : h.previousState().name()).toArray(String[]::new))
                        .addArrayOfString(changes.stream().map(h -> h.newState().name()).toArray(String[]::new))
                        .addArrayOfBigDecimal(changes.stream().map(Change::previousAmount)
                                .toArray(BigDecimal[]::new))
                        .addArrayOfBigDecimal(changes.stream().map(Change::newAmount).toArray(BigDecimal[]::new))
                        .addArrayOfString(changes.stream().map(Change::reason).toArray(String[]::new))
                        .addArrayOfString(changes.stream().map(Change::complianceId).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** The credit already booked under an idempotency key, or null. */
    public Uni<UUID> creditIdFor(SqlConnection c, String idempotencyKey) {
        return c.preparedQuery("SELECT credit_id FROM credit WHERE idempotency_key = $1")
                .execute(Tuple.of(idempotencyKey))
                .map(rows -> {
                    Iterator<Row> it = rows.iterator();
                    return it.hasNext() ? it.next().getUUID("credit_id") : null;
                });
    }

    private static Tuple tuple(LedgerEntry e) {
        return Tuple.tuple()
                .addUUID(e.creditId())
                .addString(e.idempotencyKey())
                .addString(e.agreementId())
                .addInteger(e.agreementVersion())
                .addString(e.objectiveId())
                .addString(e.tenant())
                .addOffsetDateTime(Sql.ts(e.periodStart()))
                .addOffsetDateTime(Sql.ts(e.periodEnd()))
                .addBigDecimal(e.attainment())
                .addBigDecimal(e.tierBelowPercent())
                .addBigDecimal(e.creditPercent())
                .addBigDecimal(e.amount())
                .addString(e.currency())
                .addString(e.state().name())
                .addString(e.complianceId())
                .addOffsetDateTime(Sql.ts(e.createdAt()))
                .addBigDecimal(e.computedAmount())
                .addString(e.reason())
                .addString(e.aggregation())
                .addOffsetDateTime(Sql.ts(e.claimDeadline()))
                .addOffsetDateTime(Sql.ts(e.claimedAt()))
                .addString(e.claimedBy());
    }

    private static List<LedgerEntry> entries(RowSet<Row> rows) {
        List<LedgerEntry> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(entry(r));
        }
        return out;
    }

    private static LedgerEntry entry(Row r) {
        return new LedgerEntry(r.getUUID("credit_id"), r.getString("idempotency_key"), r.getString("agreement_id"),
                r.getInteger("agreement_version"), r.getString("objective_id"), r.getString("tenant"),
                Sql.instant(r.getOffsetDateTime("period_start")), Sql.instant(r.getOffsetDateTime("period_end")),
                r.getBigDecimal("attainment"), r.getBigDecimal("tier_below_percent"),
                r.getBigDecimal("credit_percent"), r.getBigDecimal("amount"), r.getString("currency").trim(),
                CreditState.valueOf(r.getString("state")), r.getString("compliance_id"),
                Sql.instant(r.getOffsetDateTime("created_at")), r.getBigDecimal("computed_amount"),
                r.getString("reason"), r.getString("aggregation"), Sql.instant(r.getOffsetDateTime("claim_deadline")),
                Sql.instant(r.getOffsetDateTime("claimed_at")), r.getString("claimed_by"));
    }
}
