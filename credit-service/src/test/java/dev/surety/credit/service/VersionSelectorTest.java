package dev.surety.credit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.credit.reference.ReferenceAgreements;
import dev.surety.events.AgreementSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The version in force at a period's end: the highest version that took force at or before it. */
class VersionSelectorTest {

    private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");

    private static AgreementSnapshot version(int v, String updatedAt) {
        AgreementSnapshot s = ReferenceAgreements.AWS_S3_STANDARD.snapshot("agr", "acme",
                Instant.parse("2026-01-01T00:00:00Z"), null);
        return new AgreementSnapshot(s.agreementId(), v, s.tenant(), s.name(), s.provider(), s.service(), s.status(),
                s.effectiveFrom(), s.effectiveTo(), s.timeZone(), s.objectives(), s.compensation(),
                Instant.parse(updatedAt));
    }

    private static final AgreementSnapshot V1 = version(1, "2026-01-01T00:00:00Z");
    private static final AgreementSnapshot V2 = version(2, "2026-10-15T00:00:00Z");
    private static final AgreementSnapshot V3 = version(3, "2026-11-01T00:00:00Z");
    private static final AgreementSnapshot V4 = version(4, "2026-11-01T00:00:00.000001Z");

    @Test
    void theLatestVersionInForceAtTheEndWins() {
        assertEquals(2, VersionSelector.inForceAt(List.of(V1, V2), NOV, 1).version());
        // any order
        assertEquals(2, VersionSelector.inForceAt(List.of(V2, V4, V1), NOV, 1).version());
    }

    @Test
    void aVersionTakingForceExactlyAtTheEndIsInForceThere() {
        assertEquals(3, VersionSelector.inForceAt(List.of(V1, V2, V3, V4), NOV, 1).version());
    }

    @Test
    void whenEveryVersionCameLaterTheEarliestIsUsed() {
        assertEquals(3, VersionSelector.inForceAt(List.of(V4, V3), Instant.parse("2026-10-01T00:00:00Z"), 4)
                .version());
    }

    @Test
    void withoutAPeriodEndTheNamedVersionOrTheLatest() {
        assertEquals(2, VersionSelector.inForceAt(List.of(V1, V2, V3), null, 2).version());
        assertEquals(3, VersionSelector.inForceAt(List.of(V1, V2, V3), null, 9).version());
        assertNull(VersionSelector.inForceAt(List.of(), NOV, 1));
    }
}
