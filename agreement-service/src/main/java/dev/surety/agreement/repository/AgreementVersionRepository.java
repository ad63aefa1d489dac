package dev.surety.agreement.repository;

import dev.surety.agreement.AgreementVersionSummary;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Immutable agreement versions; only ever inserted (and deleted with a draft). */
@ApplicationScoped
public class AgreementVersionRepository implements PanacheRepositoryBase<AgreementVersionEntity, AgreementVersionId> {

    /** One page of an agreement's history, oldest first; the terms are not loaded. */
    public Uni<List<AgreementVersionSummary>> history(UUID agreementId, int page, int size) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select new dev.surety.agreement.AgreementVersionSummary(v.id.version, v.status, v.createdAt,"
                                + " v.createdBy) from AgreementVersionEntity v where v.id.agreementId = :id"
                                + " order by v.id.version", AgreementVersionSummary.class)
                .setParameter("id", agreementId)
                .setFirstResult((int) Math.min((long) page * size, Integer.MAX_VALUE))
                .setMaxResults(size)
                .getResultList());
    }

    public Uni<Long> countHistory(UUID agreementId) {
        return count("id.agreementId", agreementId);
    }
}
