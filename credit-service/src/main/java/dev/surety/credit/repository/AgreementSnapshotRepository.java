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
import java.util.Iterator;
import java.util.List;

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
     * @return the document as stored (PostgreSQL's jsonb text, what every later read decodes), or
     *         null when the version was already known
     */
    public Uni<String> insert(SqlConnection c, AgreementSnapshot s, byte[] document, Instant receivedAt) {
        // $4::text::jsonb: bound as text so the client sends the JSON document, not a JSON string
        return c.preparedQuery("""
                        INSERT INTO agreement_snapshot (agreement_id, version, tenant, document, received_at)
                        VALUES ($1, $2, $3, $4::text::jsonb, $5)
                        ON CONFLICT (agreement_id, version) DO NOTHING
                        RETURNING document::text AS doc""")
                .execute(Tuple.tuple().addString(s.agreementId()).addInteger(s.version()).addString(s.tenant())
                        .addString(new String(document, StandardCharsets.UTF_8)).addOffsetDateTime(Sql.ts(receivedAt)))
                .map(rows -> {
                    Iterator<Row> it = rows.iterator();
                    return it.hasNext() ? it.next().getString("doc") : null;
                });
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

    /** A stored version: its number, and its document unless the caller said it has it already. */
    public record StoredVersion(String agreementId, int version, AgreementSnapshot snapshot) {
    }

    /**
     * Every known version number of an agreement, deleted ones included (credits owed under them
     * stay owed), in version order, with the decoded document of each version not in {@code known}.
     */
    public Uni<List<StoredVersion>> versions(SqlConnection c, String agreementId, Collection<Integer> known) {
        return c.preparedQuery("""
                        SELECT agreement_id, version, CASE WHEN version = ANY($2) THEN NULL ELSE document::text END
                            AS doc
                        FROM agreement_snapshot WHERE agreement_id = $1 ORDER BY version""")
                .execute(Tuple.tuple().addString(agreementId).addArrayOfInteger(known.toArray(Integer[]::new)))
                .map(AgreementSnapshotRepository::stored);
    }

    /** The decoded documents of the named versions (agreement id and version at the same position), in one query. */
    public Uni<List<StoredVersion>> documents(SqlConnection c, List<String> agreementIds, List<Integer> versions) {
        if (agreementIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery("""
                        SELECT s.agreement_id, s.version, s.document::text AS doc
                        FROM unnest($1::text[], $2::int[]) AS k(agreement_id, version)
                        JOIN agreement_snapshot s ON s.agreement_id = k.agreement_id AND s.version = k.version""")
                .execute(Tuple.tuple().addArrayOfString(agreementIds.toArray(String[]::new))
                        .addArrayOfInteger(versions.toArray(Integer[]::new)))
                .map(AgreementSnapshotRepository::stored);
    }

    private static List<StoredVersion> stored(RowSet<Row> rows) {
        List<StoredVersion> out = new ArrayList<>();
        for (Row r : rows) {
            String doc = r.getString("doc");
            out.add(new StoredVersion(r.getString("agreement_id"), r.getInteger("version"),
                    doc == null ? null : decode(doc)));
        }
        return out;
    }

    /** Decodes a document as stored (the jsonb text every read of the version sees). */
    public static AgreementSnapshot decode(String storedDocument) {
        return EventCodec.decode(storedDocument.getBytes(StandardCharsets.UTF_8), AgreementSnapshot.class);
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
        return decode(it.next().getString("doc"));
    }
}
