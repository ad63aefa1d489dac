package dev.surety.ingest.service;

import dev.surety.events.AgreementSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The versions of one agreement this service knows, oldest first, so that a sample is judged against the version
 * in force at its own timestamp. A version takes force at its {@code updatedAt} and stays in force until a later
 * version takes force.
 *
 * @param versions ascending by version number
 */
public record AgreementHistory(List<AgreementSnapshot> versions) {

    public AgreementHistory {
        versions = List.copyOf(versions);
    }

    /** The newest version known. */
    public AgreementSnapshot latest() {
        return versions.isEmpty() ? null : versions.get(versions.size() - 1);
    }

    /**
     * This history with {@code snapshot} added (replacing a version with the same number), bounded: at most
     * {@code maxVersions} versions, and no version that a later one superseded before {@code horizon} (no sample
     * that old is accepted, so it can never be in force again).
     */
    public AgreementHistory with(AgreementSnapshot snapshot, int maxVersions, Instant horizon) {
        List<AgreementSnapshot> all = new ArrayList<>();
        for (AgreementSnapshot v : versions) {
            if (v.version() != snapshot.version()) {
                all.add(v);
            }
        }
        all.add(snapshot);
        all.sort(Comparator.comparingInt(AgreementSnapshot::version));
        int from = Math.max(0, all.size() - Math.max(1, maxVersions));
        while (from < all.size() - 1 && tookForce(all.get(from + 1)).isBefore(horizon)) {
            from++;
        }
        return new AgreementHistory(all.subList(from, all.size()));
    }

    /**
     * The version in force at {@code t}: the highest version that took force at or before {@code t}; a sample older
     * than every known version is judged by the oldest one.
     */
    public AgreementSnapshot inForceAt(Instant t) {
        AgreementSnapshot best = null;
        for (AgreementSnapshot v : versions) {
            if (!tookForce(v).isAfter(t) && (best == null || v.version() > best.version())) {
                best = v;
            }
        }
        return best != null ? best : versions.isEmpty() ? null : versions.get(0);
    }

    private static Instant tookForce(AgreementSnapshot v) {
        return v.updatedAt() == null ? Instant.EPOCH : v.updatedAt();
    }
}
