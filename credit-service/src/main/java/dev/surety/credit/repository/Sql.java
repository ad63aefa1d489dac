package dev.surety.credit.repository;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/** Conversions between domain time and what the PostgreSQL client binds. */
final class Sql {

    private Sql() {
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** The 1-based {@code n} column of an unnest WITH ORDINALITY query, as 0-based positions. */
    static Set<Integer> positions(RowSet<Row> rows) {
        Set<Integer> out = new HashSet<>();
        for (Row r : rows) {
            out.add(r.getLong("n").intValue() - 1);
        }
        return out;
    }
}
