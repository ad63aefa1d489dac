package dev.surety.credit.service;

import dev.surety.credit.config.CreditConfig;
import dev.surety.credit.repository.AgreementSnapshotRepository;
import dev.surety.credit.repository.AgreementSnapshotRepository.StoredVersion;
import dev.surety.events.AgreementSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agreement versions a settlement chooses from, decoded once and kept in memory.
 *
 * <p>Which versions an agreement has is always read from the database, in the settling
 * transaction (after its advisory lock), so a version stored a moment ago is never missed. Only
 * the decoding is saved: a stored version never changes (the primary key is agreement id and
 * version, and a redelivery is ignored), so the version's document decoded once stays right. The
 * memory holds only documents as the database stores them and only committed versions: documents
 * read in a compliance transaction (which writes no version), and a new version's stored document
 * after its transaction committed. At most {@code surety.credit.agreement-cache.max-agreements}
 * agreements are kept, the least recently used dropped first.
 */
@ApplicationScoped
public class AgreementVersions {

    private final AgreementSnapshotRepository repository;
    private final int maxAgreements;
    // access order: the eldest entry is the least recently used agreement; guarded by this
    private final LinkedHashMap<String, Map<Integer, AgreementSnapshot>> decoded;

    public AgreementVersions(AgreementSnapshotRepository repository, CreditConfig config) {
        this.repository = repository;
        this.maxAgreements = Math.max(0, config.agreementCache().maxAgreements());
        this.decoded = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<Integer, AgreementSnapshot>> eldest) {
                return size() > maxAgreements;
            }
        };
    }

    /**
     * Every known version of one agreement (deleted ones included), decoded: the version numbers
     * and the documents not in memory in one query.
     *
     * @param remember whether documents read now may be kept: false inside a transaction that may
     *                 itself have stored one of them (it could still roll back)
     */
    public Uni<List<AgreementSnapshot>> versions(SqlConnection c, String agreementId, boolean remember) {
        Map<Integer, AgreementSnapshot> known = known(agreementId);
        return repository.versions(c, agreementId, known.keySet()).map(rows -> {
            List<AgreementSnapshot> out = new ArrayList<>(rows.size());
            for (StoredVersion row : rows) {
                AgreementSnapshot s = row.snapshot() != null ? row.snapshot() : known.get(row.version());
                out.add(s);
                if (remember && row.snapshot() != null) {
                    remember(s);
                }
            }
            return out;
        });
    }

    /**
     * The named versions of many agreements, decoded: from memory, the others from the database in
     * one query (and kept). Only for transactions that store no agreement version.
     *
     * @param numbers per agreement, every version number the database has for it
     * @return per agreement, its versions in the order given; agreements without versions are absent
     */
    public Uni<Map<String, List<AgreementSnapshot>>> resolve(SqlConnection c, Map<String, List<Integer>> numbers) {
        Map<String, Map<Integer, AgreementSnapshot>> found = new HashMap<>();
        List<String> missingIds = new ArrayList<>();
        List<Integer> missingVersions = new ArrayList<>();
        synchronized (this) {
            numbers.forEach((id, versions) -> {
                Map<Integer, AgreementSnapshot> known = decoded.get(id);
                Map<Integer, AgreementSnapshot> mine = new HashMap<>();
                for (Integer v : versions) {
                    AgreementSnapshot s = known == null ? null : known.get(v);
                    if (s != null) {
                        mine.put(v, s);
                    } else {
                        missingIds.add(id);
                        missingVersions.add(v);
                    }
                }
                found.put(id, mine);
            });
        }
        Uni<List<StoredVersion>> loaded = missingIds.isEmpty() ? Uni.createFrom().item(List.of())
                : repository.documents(c, missingIds, missingVersions);
        return loaded.map(rows -> {
            for (StoredVersion row : rows) {
                found.get(row.agreementId()).put(row.version(), row.snapshot());
                remember(row.snapshot());
            }
            Map<String, List<AgreementSnapshot>> out = new HashMap<>();
            numbers.forEach((id, versions) -> {
                List<AgreementSnapshot> list = new ArrayList<>(versions.size());
                for (Integer v : versions) {
                    AgreementSnapshot s = found.get(id).get(v);
                    if (s == null) {
                        throw new IllegalStateException("agreement " + id + " version " + v + " vanished");
                    }
                    list.add(s);
                }
                if (!list.isEmpty()) {
                    out.put(id, list);
                }
            });
            return out;
        });
    }

    /**
     * Keeps a committed version's document as stored, decoded ({@link AgreementSnapshotRepository#decode}).
     * Called after the transaction that stored it committed.
     */
    public synchronized void remember(AgreementSnapshot stored) {
        if (maxAgreements == 0) {
            return;
        }
        decoded.computeIfAbsent(stored.agreementId(), k -> new HashMap<>()).put(stored.version(), stored);
    }

    /** Whether documents are kept at all (else a new version's document is not decoded at once). */
    public boolean enabled() {
        return maxAgreements > 0;
    }

    /** The versions of an agreement in memory (a copy). */
    synchronized Map<Integer, AgreementSnapshot> known(String agreementId) {
        Map<Integer, AgreementSnapshot> known = decoded.get(agreementId);
        return known == null ? Map.of() : Map.copyOf(known);
    }
}
