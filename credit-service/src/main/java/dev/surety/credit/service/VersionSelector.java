package dev.surety.credit.service;

import dev.surety.events.AgreementSnapshot;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the agreement version a period is judged by: the one in force at the period's end. A
 * version is in force from its {@code updatedAt} on, so that is the highest version whose
 * {@code updatedAt <= periodEnd}; when every known version took force after the period ended,
 * the earliest known version (the period can only have been covered by what came first).
 */
public final class VersionSelector {

    private VersionSelector() {
    }

    /**
     * @param versions     every known version of one agreement, any order
     * @param periodEnd    the period's end (exclusive); null: no end known
     * @param namedVersion the version the compliance record names, used only when there is no period end
     * @return the version to apply, or null when none is known
     */
    public static AgreementSnapshot inForceAt(List<AgreementSnapshot> versions, Instant periodEnd, int namedVersion) {
        if (versions.isEmpty()) {
            return null;
        }
        Comparator<AgreementSnapshot> byVersion = Comparator.comparingInt(AgreementSnapshot::version);
        if (periodEnd == null) {
            return versions.stream().filter(v -> v.version() == namedVersion).findFirst()
                    .orElseGet(() -> versions.stream().max(byVersion).orElseThrow());
        }
        return versions.stream()
                .filter(v -> v.updatedAt() != null && !v.updatedAt().isAfter(periodEnd))
                .max(byVersion)
                .orElseGet(() -> versions.stream().min(byVersion).orElseThrow());
    }
}
