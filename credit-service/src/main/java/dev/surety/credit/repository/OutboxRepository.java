package dev.surety.credit.repository;

import dev.surety.events.EventType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The transactional outbox: events written with the ledger change, published later by the relay. */
@ApplicationScoped
public class OutboxRepository {

    /** Adds an event; an event id already present is left as it is. */
    public Uni<Boolean> insert(SqlConnection c, OutboxEvent e) {
        return c.preparedQuery("""
                        INSERT INTO outbox (event_id, event_type, event_key, subject, payload, occurred_at)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (event_id) DO NOTHING""")
                .execute(Tuple.tuple().addUUID(e.eventId()).addString(e.type().name()).addString(e.key())
                        .addString(e.subject()).addBuffer(Buffer.buffer(e.payload()))
                        .addOffsetDateTime(Sql.ts(e.occurredAt())))
                .map(rs -> rs.rowCount() == 1);
    }

    /**
     * Locks up to {@code limit} unpublished events in outbox order. SKIP LOCKED lets several
     * instances relay at once without publishing the same row concurrently.
     */
    public Uni<List<OutboxEvent>> lockUnpublished(SqlConnection c, int limit) {
        return c.preparedQuery("""
                        SELECT seq, event_id, event_type, event_key, subject, payload, occurred_at FROM outbox
                        WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<OutboxEvent> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new OutboxEvent(r.getLong("seq"), r.getUUID("event_id"),
                                EventType.valueOf(r.getString("event_type")), r.getString("event_key"),
                                r.getString("subject"), r.getBuffer("payload").getBytes(),
                                Sql.instant(r.getOffsetDateTime("occurred_at"))));
                    }
                    return out;
                });
    }

    public Uni<Void> markPublished(SqlConnection c, List<Long> seqs, Instant at) {
        return c.preparedQuery("UPDATE outbox SET published_at = $2 WHERE seq = ANY($1)")
                .execute(Tuple.tuple().addArrayOfLong(seqs.toArray(Long[]::new)).addOffsetDateTime(Sql.ts(at)))
                .replaceWithVoid();
    }
}
