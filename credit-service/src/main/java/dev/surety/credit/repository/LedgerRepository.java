package dev.surety.credit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.UUID;

/** Writes to the credit ledger; the unique idempotency key makes a second credit for a period impossible. */
@ApplicationScoped
public class LedgerRepository {

    /** Inserts the credit unless one with the same idempotency key exists; true when inserted. */
    public Uni<Boolean> insertIfAbsent(SqlConnection c, LedgerEntry e) {
        Tuple t = Tuple.tuple()
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
                .addOffsetDateTime(Sql.ts(e.createdAt()));
        return c.preparedQuery("""
                        INSERT INTO credit (credit_id, idempotency_key, agreement_id, agreement_version, objective_id,
                            tenant, period_start, period_end, attainment, tier_below_percent, credit_percent, amount,
                            currency, state, compliance_id, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .execute(t)
                .map(rs -> rs.rowCount() == 1);
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
}
