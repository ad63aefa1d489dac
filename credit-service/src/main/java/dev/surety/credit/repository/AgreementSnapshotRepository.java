package dev.surety.credit.repository;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.EventCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Agreement versions as received. SQL rather than JPA: the upsert is PostgreSQL's
 * {@code ON CONFLICT DO NOTHING}, and callers run it inside their own transaction.
 */
@ApplicationScoped
public class AgreementSnapshotRepository {

    /**
     * Stores one version unless it is already known (versions are immutable).
     *
     * @param document the snapshot JSON exactly as published
     * @return whether a row was inserted
     */
    public Uni<Boolean> insert(SqlConnection c, AgreementSnapshot s, byte[] document, Instant receivedAt) {
        // $4::text::jsonb: bound as text so the client sends the JSON document, not a JSON string
        return c.preparedQuery("""
                        INSERT INTO agreement_snapshot (agreement_id, version, tenant, document, received_at)
                        VALUES ($1, $2, $3, $4::text::jsonb, $5)
                        ON CONFLICT (agreement_id, version) DO NOTHING""")
                .execute(Tuple.tuple().addString(s.agreementId()).addInteger(s.version()).addString(s.tenant())
                        .addString(new String(document, StandardCharsets.UTF_8)).addOffsetDateTime(Sql.ts(receivedAt)))
                .map(rs -> rs.rowCount() == 1);
    }

    /** The named version, or null. */
    public Uni<AgreementSnapshot> find(SqlConnection c, String agreementId, int version) {
        return c.preparedQuery("""
                        SELECT document::text AS doc FROM agreement_snapshot
                        WHERE agreement_id = $1 AND version = $2""")
                .execute(Tuple.of(agreementId, version))
                .map(AgreementSnapshotRepository::first);
    }

    /** The highest known version, or null. */
    public Uni<AgreementSnapshot> latest(SqlConnection c, String agreementId) {
        return c.preparedQuery("""
                        SELECT document::text AS doc FROM agreement_snapshot
                        WHERE agreement_id = $1 ORDER BY version DESC LIMIT 1""")
                .execute(Tuple.of(agreementId))
                .map(AgreementSnapshotRepository::first);
    }

    /** Every known version of an agreement, deleted ones included (credits owed under them stay owed). */
    public Uni<List<AgreementSnapshot>> versions(SqlConnection c, String agreementId) {
        return c.preparedQuery("""
                        SELECT document::text AS doc FROM agreement_snapshot
                        WHERE agreement_id = $1 ORDER BY version""")
                .execute(Tuple.of(agreementId))
                .map(rows -> {
                    List<AgreementSnapshot> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(EventCodec.decode(r.getString("doc").getBytes(StandardCharsets.UTF_8),
                                AgreementSnapshot.class));
                    }
                    return out;
                });
    }

    /** Every known version of each of the agreements (as {@link #versions}), in one query. */
    public Uni<Map<String, List<AgreementSnapshot>>> versionsOf(SqlConnection c, Collection<String> agreementIds) {
        if (agreementIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("""
                        SELECT agreement_id, document::text AS doc FROM agreement_snapshot
                        WHERE agreement_id = ANY($1) ORDER BY agreement_id, version""")
                .execute(Tuple.tuple().addArrayOfString(agreementIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<AgreementSnapshot>> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getString("agreement_id"), k -> new ArrayList<>())
                                .add(EventCodec.decode(r.getString("doc").getBytes(StandardCharsets.UTF_8),
                                        AgreementSnapshot.class));
                    }
                    return out;
                });
    }

    /** Records a tombstone: every version is kept, flagged deleted. */
    public Uni<Integer> markDeleted(SqlConnection c, String agreementId, Instant at) {
        return c.preparedQuery("""
                        UPDATE agreement_snapshot SET deleted_at = $2
                        WHERE agreement_id = $1 AND deleted_at IS NULL""")
                .execute(Tuple.tuple().addString(agreementId).addOffsetDateTime(Sql.ts(at)))
                .map(RowSet::rowCount);
    }

    private static AgreementSnapshot first(RowSet<Row> rows) {
        Iterator<Row> it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        return EventCodec.decode(it.next().getString("doc").getBytes(StandardCharsets.UTF_8), AgreementSnapshot.class);
    }
}
