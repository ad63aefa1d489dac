package dev.surety.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which version is in force when, and how the history stays bounded. */
class AgreementHistoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static AgreementSnapshot v(int version, Instant tookForce) {
        return new AgreementSnapshot("agr", version, "acme", "SLA", "p", "s", AgreementStatus.ACTIVE, T0, null, "UTC",
                List.of(), null, tookForce);
    }

    private static List<Integer> versions(AgreementHistory h) {
        return h.versions().stream().map(AgreementSnapshot::version).toList();
    }

    @Test
    void versionInForceIsTheNewestThatTookForceAtOrBeforeTheSampleAndTheOldestBeforeAll() {
        AgreementHistory h = new AgreementHistory(List.of())
                .with(v(2, T0.plusSeconds(100)), 20, Instant.EPOCH)
                .with(v(1, T0), 20, Instant.EPOCH) // a late replay of an older version joins in order
                .with(v(3, T0.plusSeconds(200)), 20, Instant.EPOCH);
        assertEquals(List.of(1, 2, 3), versions(h));
        assertEquals(1, h.inForceAt(T0.minusSeconds(1)).version());
        assertEquals(1, h.inForceAt(T0).version());
        assertEquals(1, h.inForceAt(T0.plusSeconds(99)).version());
        assertEquals(2, h.inForceAt(T0.plusSeconds(100)).version());
        assertEquals(3, h.inForceAt(T0.plusSeconds(10_000)).version());
    }

    @Test
    void boundedByCountAndByTheRetentionHorizon() {
        AgreementHistory h = new AgreementHistory(List.of());
        for (int i = 1; i <= 5; i++) {
            h = h.with(v(i, T0.plusSeconds(i * 100L)), 3, Instant.EPOCH);
        }
        assertEquals(List.of(3, 4, 5), versions(h));
        // Version 3 was superseded (by 4 at +400 s) before the horizon: no accepted sample can need it.
        assertEquals(List.of(4, 5), versions(h.with(v(5, T0.plusSeconds(500)), 3, T0.plusSeconds(450))));
        // The newest version always stays, however old.
        assertEquals(List.of(5), versions(h.with(v(5, T0.plusSeconds(500)), 3, T0.plusSeconds(10_000))));
    }

    @Test
    void aRepublishedVersionReplacesItsEarlierCopy() {
        AgreementHistory h = new AgreementHistory(List.of()).with(v(1, T0), 20, Instant.EPOCH)
                .with(v(1, T0.plusSeconds(5)), 20, Instant.EPOCH);
        assertEquals(List.of(1), versions(h));
        assertEquals(T0.plusSeconds(5), h.latest().updatedAt());
    }
}
