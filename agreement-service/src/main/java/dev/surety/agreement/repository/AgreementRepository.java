package dev.surety.agreement.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Agreements and their current versions. */
@ApplicationScoped
public class AgreementRepository implements PanacheRepositoryBase<AgreementEntity, UUID> {

    private static final String CURRENT = "select new dev.surety.agreement.repository.AgreementRow(a, v)"
            + " from AgreementEntity a join AgreementVersionEntity v"
            + " on v.id.agreementId = a.id and v.id.version = a.currentVersion";

    /**
     * The agreement with its current version, or null when it does not exist or belongs to a
     * tenant other than {@code tenantScope}.
     */
    public Uni<AgreementRow> findCurrent(UUID id, Optional<String> tenantScope) {
        Filter f = new Filter(tenantScope, Optional.empty());
        f.conditions.add("a.id = :id");
        f.params.put("id", id);
        return getSession().chain(s -> {
            var q = s.createSelectionQuery(CURRENT + f.where(), AgreementRow.class);
            f.params.forEach(q::setParameter);
            return q.getSingleResultOrNull();
        });
    }

    /** One page of agreements with their current versions, newest first. */
    public Uni<List<AgreementRow>> listCurrent(Optional<String> tenantScope, Optional<String> customer,
                                               int page, int size) {
        Filter f = new Filter(tenantScope, customer);
        return getSession().chain(s -> {
            var q = s.createSelectionQuery(CURRENT + f.where() + " order by a.createdAt desc, a.id",
                    AgreementRow.class);
            f.params.forEach(q::setParameter);
            return q.setFirstResult((int) Math.min((long) page * size, Integer.MAX_VALUE)).setMaxResults(size)
                    .getResultList();
        });
    }

    /** How many agreements {@link #listCurrent} can page through. */
    public Uni<Long> countCurrent(Optional<String> tenantScope, Optional<String> customer) {
        Filter f = new Filter(tenantScope, customer);
        return getSession().chain(s -> {
            var q = s.createSelectionQuery("select count(a) from AgreementEntity a" + f.where(), Long.class);
            f.params.forEach(q::setParameter);
            return q.getSingleResult();
        });
    }

    /**
     * Where-clause of a query. Built from the filters present, because a "{@code :p is null or}"
     * clause leaves PostgreSQL unable to infer the type of a null parameter.
     */
    private static final class Filter {
        final List<String> conditions = new ArrayList<>();
        final Map<String, Object> params = new HashMap<>();

        Filter(Optional<String> tenantScope, Optional<String> customer) {
            tenantScope.ifPresent(t -> {
                conditions.add("a.tenant = :scope");
                params.put("scope", t);
            });
            customer.ifPresent(c -> {
                conditions.add("a.tenant = :customer");
                params.put("customer", c);
            });
        }

        String where() {
            return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        }
    }
}
