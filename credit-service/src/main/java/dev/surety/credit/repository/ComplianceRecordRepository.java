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
import java.time.OffsetDateTime;
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

    /**
     * What {@link #lookUp} found for one record.
     *
     * @param known     whether a record with its id is stored already (a redelivery)
     * @param hasLine   whether its objective and period have a line
     * @param hasCredit whether its agreement and period have a credit
     * @param versions  every version number stored for its agreement, ascending
     */
    public record Found(boolean known, boolean hasLine, boolean hasCredit, List<Integer> versions) {
    }

    /**
     * Looks up, in one query, what storing and settling many records depends on: whether each
     * record id is known, whether its period already has an objective line or a credit, and which
     * versions its agreement has. Run under the agreements' advisory locks, which every writer of
     * these rows takes, so the answer holds until the transaction ends.
     *
     * @return per record, in list order, what was found
     */
    public Uni<List<Found>> lookUp(SqlConnection c, List<ComplianceRecord> records) {
        int n = records.size();
        if (n == 0) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery("""
                        SELECT k.n,
                            EXISTS (SELECT 1 FROM compliance_record r WHERE r.id = k.id) AS known,
                            EXISTS (SELECT 1 FROM objective_line l WHERE l.agreement_id = k.agreement_id
                                AND l.objective_id = k.objective_id AND l.period_start = k.period_start) AS has_line,
                            EXISTS (SELECT 1 FROM credit c WHERE c.agreement_id = k.agreement_id
                                AND c.period_start = k.period_start) AS has_credit,
                            ARRAY(SELECT s.version FROM agreement_snapshot s WHERE s.agreement_id = k.agreement_id
                                ORDER BY s.version) AS versions
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) WITH ORDINALITY
                            AS k(id, agreement_id, objective_id, period_start, n)
                        ORDER BY k.n""")
                .execute(Tuple.tuple()
                        .addArrayOfString(records.stream().map(ComplianceRecord::id).toArray(String[]::new))
                        .addArrayOfString(records.stream().map(ComplianceRecord::agreementId).toArray(String[]::new))
                        .addArrayOfString(records.stream().map(ComplianceRecord::objectiveId).toArray(String[]::new))
                        .addArrayOfOffsetDateTime(records.stream().map(r -> Sql.ts(r.periodStart()))
                                .toArray(OffsetDateTime[]::new)))
                .map(rows -> {
                    List<Found> out = new ArrayList<>(n);
                    for (Row row : rows) {
                        out.add(new Found(row.getBoolean("known"), row.getBoolean("has_line"),
                                row.getBoolean("has_credit"), List.of(row.getArrayOfIntegers("versions"))));
                    }
                    return out;
                });
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
