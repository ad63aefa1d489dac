package dev.surety.ingest.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.ingest.service.AgreementHistory;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/** The store's values decode to what was stored, however often they are read and however they change. */
class AgreementHistorySerdeTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static AgreementHistory history(AgreementStatus... statuses) {
        List<AgreementSnapshot> versions = new java.util.ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            versions.add(new AgreementSnapshot("agr", i + 1, "acme", "SLA", "p", "s", statuses[i], T0, null, "UTC",
                    List.of(), null, T0.plusSeconds(i)));
        }
        return new AgreementHistory(versions);
    }

    @Test
    void repeatedReadsOfOneStoredValueAreDecodedOnceAndAChangedValueIsNeverServedStale() {
        AgreementHistorySerde serde = new AgreementHistorySerde();
        Deserializer<AgreementHistory> read = serde.deserializer();
        byte[] v1 = serde.serializer().serialize("t", history(AgreementStatus.ACTIVE));
        byte[] v2 = serde.serializer().serialize("t", history(AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED));

        AgreementHistory first = read.deserialize("t", v1);
        assertEquals(history(AgreementStatus.ACTIVE), first);
        assertSame(first, read.deserialize("t", v1.clone()), "the same bytes, read again, are not decoded again");

        AgreementHistory changed = read.deserialize("t", v2);
        assertEquals(AgreementStatus.SUSPENDED, changed.latest().status());
        assertEquals(2, changed.versions().size());
        // A caller reusing its buffer cannot change what was remembered.
        byte[] reused = v1.clone();
        AgreementHistory fromReused = read.deserialize("t", reused);
        java.util.Arrays.fill(reused, (byte) ' ');
        assertEquals(history(AgreementStatus.ACTIVE), read.deserialize("t", v1));
        assertSame(first, fromReused);
        assertNull(read.deserialize("t", null));
    }
}
