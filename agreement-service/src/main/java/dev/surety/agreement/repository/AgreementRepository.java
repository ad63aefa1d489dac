package dev.surety.agreement.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import dev.surety.agreement.Agreement;
import dev.surety.events.AgreementStatus;
import java.time.Instant;
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
        Filter f = new Filter(tenantScope, ListFilter.NONE);
        f.conditions.add("a.id = :id");
        f.params.put("id", id);
        return getSession().chain(s -> {
            var q = s.createSelectionQuery(CURRENT + f.where(), AgreementRow.class);
            f.params.forEach(q::setParameter);
            return q.getSingleResultOrNull();
        });
    }

    /**
     * The agreement with the version in force at {@code at}: the latest one written at or before
     * it. Null when the agreement did not exist yet, does not exist, or belongs to a tenant other
     * than {@code tenantScope}.
     */
    public Uni<AgreementRow> findAt(UUID id, Instant at, Optional<String> tenantScope) {
        Filter f = new Filter(tenantScope, ListFilter.NONE);
        f.conditions.add("a.id = :id");
        f.params.put("id", id);
        f.conditions.add("v.createdAt <= :at");
        f.params.put("at", at);
        return getSession().chain(s -> {
            var q = s.createSelectionQuery("select new dev.surety.agreement.repository.AgreementRow(a, v)"
                    + " from AgreementEntity a join AgreementVersionEntity v on v.id.agreementId = a.id"
                    + f.where() + " order by v.id.version desc", AgreementRow.class);
            f.params.forEach(q::setParameter);
            return q.setMaxResults(1).getResultList().map(rows -> rows.isEmpty() ? null : rows.get(0));
        });
    }

    /**
     * Moves the agreement row to {@code next} if, and only if, its current version still is
     * {@code expected}. This conditional update is what makes concurrent edits safe: a racing
     * transaction waits for the row lock and then finds the version changed, so it updates
     * nothing instead of overwriting.
     *
     * @return 1 when moved, 0 when the agreement is no longer at {@code expected}
     */
    public Uni<Integer> advance(Agreement next, int expected) {
        return getSession().chain(s -> s.createMutationQuery("update AgreementEntity a set"
                        + " a.currentVersion = :next, a.status = :status, a.tenant = :tenant, a.name = :name,"
                        + " a.provider = :provider, a.service = :service, a.updatedAt = :updatedAt"
                        + " where a.id = :id and a.currentVersion = :expected")
                .setParameter("next", next.version())
                .setParameter("status", next.status())
                .setParameter("tenant", next.terms().tenant())
                .setParameter("name", next.terms().name())
                .setParameter("provider", next.terms().provider())
                .setParameter("service", next.terms().service())
                .setParameter("updatedAt", next.updatedAt())
                .setParameter("id", next.id())
                .setParameter("expected", expected)
                .executeUpdate());
    }

    /**
     * Deletes the agreement (its versions go with it, by the foreign key's cascade) if it still is
     * a draft at version {@code expected}.
     *
     * @return 1 when deleted, 0 when it changed meanwhile
     */
    public Uni<Integer> deleteDraft(UUID id, int expected) {
        return getSession().chain(s -> s.createMutationQuery("delete from AgreementEntity a"
                        + " where a.id = :id and a.currentVersion = :expected and a.status = :draft")
                .setParameter("id", id)
                .setParameter("expected", expected)
                .setParameter("draft", AgreementStatus.DRAFT)
                .executeUpdate());
    }

    /** One page of agreements with their current versions, newest first. */
    public Uni<List<AgreementRow>> listCurrent(Optional<String> tenantScope, ListFilter filter,
                                               int page, int size) {
        Filter f = new Filter(tenantScope, filter);
        return getSession().chain(s -> {
            var q = s.createSelectionQuery(CURRENT + f.where() + " order by a.createdAt desc, a.id",
                    AgreementRow.class);
            f.params.forEach(q::setParameter);
            return q.setFirstResult((int) Math.min((long) page * size, Integer.MAX_VALUE)).setMaxResults(size)
                    .getResultList();
        });
    }

    /** How many agreements {@link #listCurrent} can page through. */
    public Uni<Long> countCurrent(Optional<String> tenantScope, ListFilter filter) {
        Filter f = new Filter(tenantScope, filter);
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

        Filter(Optional<String> tenantScope, ListFilter filter) {
            tenantScope.ifPresent(t -> {
                conditions.add("a.tenant = :scope");
                params.put("scope", t);
            });
            filter.customer().ifPresent(c -> {
                conditions.add("a.tenant = :customer");
                params.put("customer", c);
            });
            filter.status().ifPresent(st -> {
                conditions.add("a.status = :status");
                params.put("status", st);
            });
            filter.service().ifPresent(sv -> {
                conditions.add("a.service = :service");
                params.put("service", sv);
            });
        }

        String where() {
            return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        }
    }
}
