package dev.surety.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.EventCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementHistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static AgreementSnapshot version(int v, AgreementStatus status, long minutes) {
        return new AgreementSnapshot("a", v, "t", "n", "p", "s", status, T0, null, "UTC", List.of(), null,
                T0.plusSeconds(minutes * 60));
    }

    @Test
    void theVersionInForceIsTheNewestThatTookForceAtOrBeforeTheTime() {
        AgreementHistory h = AgreementHistory.of(version(1, AgreementStatus.ACTIVE, 0))
                .with(version(3, AgreementStatus.ACTIVE, 20), 8)
                .with(version(2, AgreementStatus.SUSPENDED, 10), 8);   // arrives out of order
        assertEquals(1, h.inForce(T0.toEpochMilli() + 599_999).version());
        assertEquals(2, h.inForce(T0.toEpochMilli() + 600_000).version());
        assertEquals(3, h.inForce(T0.toEpochMilli() + 3_600_000).version());
        assertEquals(1, h.inForce(T0.toEpochMilli() - 1).version(), "before the oldest kept: the oldest");
        assertEquals(1, h.activeBefore(T0.toEpochMilli() + 1_200_000).version(), "v2 is not ACTIVE");
        assertEquals(3, h.latest().version());
    }

    @Test
    void onlyTheNewestVersionsAreKeptAndTheEncodingRoundTrips() {
        AgreementHistory h = AgreementHistory.of(version(1, AgreementStatus.ACTIVE, 0));
        for (int v = 2; v <= 5; v++) {
            h = h.with(version(v, AgreementStatus.ACTIVE, v), 3);
        }
        assertEquals(List.of(3, 4, 5), h.versions().stream().map(AgreementSnapshot::version).toList());
        AgreementHistory back = AgreementHistory.decode(h.encode());
        assertEquals(h.versions(), back.versions());
        // a store restored byte for byte from the topic holds a bare snapshot
        assertEquals(7, AgreementHistory.decode(EventCodec.encode(version(7, AgreementStatus.ACTIVE, 0)))
                .latest().version());
    }
}
