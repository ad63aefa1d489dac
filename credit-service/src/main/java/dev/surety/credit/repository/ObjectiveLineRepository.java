package dev.surety.credit.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Per-objective figures per period: the inputs of the agreement-level credit and of statements. */
@ApplicationScoped
public class ObjectiveLineRepository {

    private static final String COLUMNS = """
            agreement_id, objective_id, period_start, period_end, tenant, agreement_version, status, good, total,
            attainment, target, excluded_seconds, breaches, tier_below_percent, credit_percent, compliance_id,
            updated_at""";

    /**
     * Writes a line. A FINAL line replaces whatever was there; a PROVISIONAL line replaces only a
     * PROVISIONAL one, so a late provisional record never hides the final figures.
     */
    public Uni<Void> upsert(SqlConnection c, ObjectiveLine l) {
        String guard = l.isFinal() ? "" : " WHERE objective_line.status = 'PROVISIONAL'";
        return c.preparedQuery("INSERT INTO objective_line (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                        + "$9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT (agreement_id, objective_id, "
                        + "period_start) DO UPDATE SET period_end = EXCLUDED.period_end, tenant = EXCLUDED.tenant, "
                        + "agreement_version = EXCLUDED.agreement_version, status = EXCLUDED.status, "
                        + "good = EXCLUDED.good, total = EXCLUDED.total, attainment = EXCLUDED.attainment, "
                        + "target = EXCLUDED.target, excluded_seconds = EXCLUDED.excluded_seconds, "
                        + "breaches = EXCLUDED.breaches, tier_below_percent = EXCLUDED.tier_below_percent, "
                        + "credit_percent = EXCLUDED.credit_percent, compliance_id = EXCLUDED.compliance_id, "
                        + "updated_at = EXCLUDED.updated_at" + guard)
                .execute(Tuple.tuple().addString(l.agreementId()).addString(l.objectiveId())
                        .addOffsetDateTime(Sql.ts(l.periodStart())).addOffsetDateTime(Sql.ts(l.periodEnd()))
                        .addString(l.tenant()).addInteger(l.agreementVersion()).addString(l.status())
                        .addLong(l.good()).addLong(l.total()).addBigDecimal(l.attainment())
                        .addBigDecimal(l.target()).addLong(l.excludedSeconds()).addInteger(l.breaches())
                        .addBigDecimal(l.tierBelowPercent()).addBigDecimal(l.creditPercent())
                        .addString(l.complianceId()).addOffsetDateTime(Sql.ts(l.updatedAt())))
                .replaceWithVoid();
    }

    /** The line of one objective and period, or null. */
    public Uni<ObjectiveLine> find(SqlConnection c, String agreementId, String objectiveId, Instant periodStart) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM objective_line WHERE agreement_id = $1 "
                        + "AND objective_id = $2 AND period_start = $3")
                .execute(Tuple.tuple().addString(agreementId).addString(objectiveId)
                        .addOffsetDateTime(Sql.ts(periodStart)))
                .map(rows -> {
                    Iterator<Row> it = rows.iterator();
                    return it.hasNext() ? line(it.next()) : null;
                });
    }

    /** The FINAL lines of every objective of one agreement and period. */
    public Uni<List<ObjectiveLine>> finals(SqlConnection c, String agreementId, Instant periodStart) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM objective_line WHERE agreement_id = $1 "
                        + "AND period_start = $2 AND status = 'FINAL'")
                .execute(Tuple.tuple().addString(agreementId).addOffsetDateTime(Sql.ts(periodStart)))
                .map(ObjectiveLineRepository::lines);
    }

    private static List<ObjectiveLine> lines(RowSet<Row> rows) {
        List<ObjectiveLine> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(line(r));
        }
        return out;
    }

    private static ObjectiveLine line(Row r) {
        return new ObjectiveLine(r.getString("agreement_id"), r.getString("objective_id"),
                Sql.instant(r.getOffsetDateTime("period_start")), Sql.instant(r.getOffsetDateTime("period_end")),
                r.getString("tenant"), r.getInteger("agreement_version"), r.getString("status"), r.getLong("good"),
                r.getLong("total"), r.getBigDecimal("attainment"), r.getBigDecimal("target"),
                r.getLong("excluded_seconds"), r.getInteger("breaches"), r.getBigDecimal("tier_below_percent"),
                r.getBigDecimal("credit_percent"), r.getString("compliance_id"),
                Sql.instant(r.getOffsetDateTime("updated_at")));
    }
}
