package dev.surety.credit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.credit.config.CreditConfig;
import dev.surety.credit.repository.AgreementSnapshotRepository;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The memory of decoded agreement versions: every version of an agreement; the least recently used agreement goes. */
class AgreementVersionsTest {

    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void keepsEveryVersionOfAnAgreement() {
        AgreementVersions memory = new AgreementVersions(new AgreementSnapshotRepository(), config(10));
        AgreementSnapshot v1 = snapshot("a", 1);
        AgreementSnapshot v2 = snapshot("a", 2);
        memory.remember(v1);
        memory.remember(v2);
        assertEquals(Set.of(1, 2), memory.known("a").keySet());
        assertSame(v1, memory.known("a").get(1));
        assertSame(v2, memory.known("a").get(2));
    }

    @Test
    void dropsTheLeastRecentlyUsedAgreementFirst() {
        AgreementVersions memory = new AgreementVersions(new AgreementSnapshotRepository(), config(2));
        memory.remember(snapshot("a", 1));
        memory.remember(snapshot("b", 1));
        memory.known("a"); // used: b is now the least recently used
        memory.remember(snapshot("c", 1));
        assertFalse(memory.known("a").isEmpty());
        assertTrue(memory.known("b").isEmpty());
        assertFalse(memory.known("c").isEmpty());
    }

    @Test
    void sizeZeroKeepsNothing() {
        AgreementVersions memory = new AgreementVersions(new AgreementSnapshotRepository(), config(0));
        memory.remember(snapshot("a", 1));
        assertTrue(memory.known("a").isEmpty());
        assertFalse(memory.enabled());
    }

    private static AgreementSnapshot snapshot(String id, int version) {
        return new AgreementSnapshot(id, version, "acme", "SLA", "provider", "service", AgreementStatus.ACTIVE, JAN,
                null, "UTC", List.of(), null, JAN.plusSeconds(version));
    }

    private static CreditConfig config(int maxAgreements) {
        return new CreditConfig() {
            @Override
            public String eventSource() {
                return "/test";
            }

            @Override
            public Outbox outbox() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Consumer consumer() {
                throw new UnsupportedOperationException();
            }

            @Override
            public AgreementCache agreementCache() {
                return () -> maxAgreements;
            }
        };
    }
}
