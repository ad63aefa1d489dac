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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
