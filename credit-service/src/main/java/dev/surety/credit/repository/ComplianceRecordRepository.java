package dev.surety.credit.repository;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Every compliance record received, once per record id, with the outcome of processing it. */
@ApplicationScoped
public class ComplianceRecordRepository {

    /**
     * Stores a record unless its id is already known.
     *
     * @param outcome     what is known at arrival (PENDING_AGREEMENT for FINAL records until settled)
     * @param processedAt null while the record still waits for something
     * @return whether a row was inserted (false: a redelivery, already handled)
     */
    public Uni<Boolean> insert(SqlConnection c, ComplianceRecord r, byte[] document, Instant receivedAt,
                               ComplianceOutcome outcome, Instant processedAt) {
        Tuple t = Tuple.tuple()
                .addString(r.id())
                .addString(r.agreementId())
                .addInteger(r.agreementVersion())
                .addString(r.objectiveId())
                .addString(r.tenant())
                .addOffsetDateTime(Sql.ts(r.periodStart()))
                .addOffsetDateTime(Sql.ts(r.periodEnd()))
                .addLong(r.good())
                .addLong(r.total())
                .addBigDecimal(r.attainment())
                .addString(r.status().name())
                .addString(new String(document, StandardCharsets.UTF_8))
                .addOffsetDateTime(Sql.ts(receivedAt))
                .addString(outcome.name())
                .addOffsetDateTime(Sql.ts(processedAt));
        return c.preparedQuery("""
                        INSERT INTO compliance_record (id, agreement_id, agreement_version, objective_id, tenant,
                            period_start, period_end, good, total, attainment, status, document, received_at,
                            outcome, processed_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text::jsonb, $13, $14, $15)
                        ON CONFLICT (id) DO NOTHING""")
                .execute(t)
                .map(rs -> rs.rowCount() == 1);
    }

    /** Writes down what processing decided. */
    public Uni<Void> settle(SqlConnection c, String id, ComplianceOutcome outcome, UUID creditId, Instant at) {
        return c.preparedQuery("""
                        UPDATE compliance_record SET outcome = $2, credit_id = $3, processed_at = $4 WHERE id = $1""")
                .execute(Tuple.tuple().addString(id).addString(outcome.name()).addUUID(creditId)
                        .addOffsetDateTime(Sql.ts(at)))
                .replaceWithVoid();
    }

    /** FINAL records of one agreement still waiting for its snapshot, in arrival order. */
    public Uni<List<ComplianceRecord>> pending(SqlConnection c, String agreementId) {
        return c.preparedQuery("""
                        SELECT document::text AS doc FROM compliance_record
                        WHERE agreement_id = $1 AND outcome = 'PENDING_AGREEMENT' ORDER BY seq""")
                .execute(Tuple.of(agreementId))
                .map(rows -> {
                    List<ComplianceRecord> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(EventCodec.decode(row.getString("doc").getBytes(StandardCharsets.UTF_8),
                                ComplianceRecord.class));
                    }
                    return out;
                });
    }
}
