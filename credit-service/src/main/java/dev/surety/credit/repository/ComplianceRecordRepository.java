package dev.surety.credit.repository;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.events.ComplianceRecord;
import dev.surety.events.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
     * Stores many records in one statement, in list order (so {@code seq} keeps arrival order);
     * ids already known are left alone. The ids must be distinct.
     *
     * @param outcomes    per record, what is known at arrival (see {@link #insert})
     * @param processedAt per record, null while it still waits for something
     * @return the ids that were inserted (the others are redeliveries)
     */
    public Uni<Set<String>> insertAll(SqlConnection c, List<ComplianceRecord> records, List<byte[]> documents,
                                      Instant receivedAt, List<ComplianceOutcome> outcomes,
                                      List<Instant> processedAt) {
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
        String[] outcomeNames = new String[n];
        OffsetDateTime[] processed = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            ComplianceRecord r = records.get(i);
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
            docs[i] = new String(documents.get(i), StandardCharsets.UTF_8);
            outcomeNames[i] = outcomes.get(i).name();
            processed[i] = Sql.ts(processedAt.get(i));
        }
        return c.preparedQuery("""
                        INSERT INTO compliance_record (id, agreement_id, agreement_version, objective_id, tenant,
                            period_start, period_end, good, total, attainment, status, document, received_at,
                            outcome, processed_at)
                        SELECT id, agreement_id, agreement_version, objective_id, tenant, period_start, period_end,
                            good, total, attainment, status, doc::jsonb, $13, outcome, processed_at
                        FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[],
                            $7::timestamptz[], $8::bigint[], $9::bigint[], $10::numeric[], $11::text[], $12::text[],
                            $14::text[], $15::timestamptz[]) WITH ORDINALITY AS t(id, agreement_id, agreement_version,
                            objective_id, tenant, period_start, period_end, good, total, attainment, status, doc,
                            outcome, processed_at, n)
                        ORDER BY n
                        ON CONFLICT (id) DO NOTHING
                        RETURNING id""")
                .execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(agreementIds)
                        .addArrayOfInteger(versions).addArrayOfString(objectiveIds).addArrayOfString(tenants)
                        .addArrayOfOffsetDateTime(starts).addArrayOfOffsetDateTime(ends).addArrayOfLong(good)
                        .addArrayOfLong(total).addArrayOfBigDecimal(attainments).addArrayOfString(statuses)
                        .addArrayOfString(docs).addOffsetDateTime(Sql.ts(receivedAt)).addArrayOfString(outcomeNames)
                        .addArrayOfOffsetDateTime(processed))
                .map(rows -> {
                    Set<String> inserted = new HashSet<>();
                    for (Row row : rows) {
                        inserted.add(row.getString("id"));
                    }
                    return inserted;
                });
    }

    /** A processing decision for {@link #settleAll}. */
    public record Decision(String id, ComplianceOutcome outcome, UUID creditId) {
    }

    /** Writes down many decisions in one statement. */
    public Uni<Void> settleAll(SqlConnection c, List<Decision> decisions, Instant at) {
        if (decisions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        UPDATE compliance_record r SET outcome = t.outcome, credit_id = t.credit_id, processed_at = $4
                        FROM unnest($1::text[], $2::text[], $3::uuid[]) AS t(id, outcome, credit_id)
                        WHERE r.id = t.id""")
                .execute(Tuple.tuple().addArrayOfString(decisions.stream().map(Decision::id).toArray(String[]::new))
                        .addArrayOfString(decisions.stream().map(d -> d.outcome().name()).toArray(String[]::new))
                        .addArrayOfUUID(decisions.stream().map(Decision::creditId).toArray(UUID[]::new))
                        .addOffsetDateTime(Sql.ts(at)))
                .replaceWithVoid();
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
