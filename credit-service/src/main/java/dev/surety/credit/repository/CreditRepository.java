package dev.surety.credit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Queries over the credit ledger for the REST API. */
@ApplicationScoped
public class CreditRepository implements PanacheRepositoryBase<CreditEntity, UUID> {

    /** One page of matching credits, newest first, and how many match in all. */
    public Uni<PageOf<CreditEntity>> search(CreditFilter f, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (f.scopeTenant() != null) {
            where.add("tenant = :scopeTenant");
            params.and("scopeTenant", f.scopeTenant());
        }
        if (f.tenant() != null) {
            where.add("tenant = :tenant");
            params.and("tenant", f.tenant());
        }
        if (f.agreementId() != null) {
            where.add("agreementId = :agreementId");
            params.and("agreementId", f.agreementId());
        }
        if (f.state() != null) {
            where.add("state = :state");
            params.and("state", f.state());
        }
        if (f.from() != null) {
            where.add("periodStart >= :from");
            params.and("from", f.from());
        }
        if (f.to() != null) {
            where.add("periodStart < :to");
            params.and("to", f.to());
        }
        if (f.claimedOnly()) {
            where.add("claimedAt is not null");
        }
        Sort sort = f.claimedOnly() ? Sort.descending("claimedAt").and("creditId", Sort.Direction.Descending)
                : Sort.descending("createdAt").and("creditId", Sort.Direction.Descending);
        var query = where.isEmpty() ? findAll(sort) : find(String.join(" and ", where), sort, params);
        var paged = query.page(Page.of(page, size));
        return paged.list().chain(items -> paged.count().map(total -> new PageOf<>(items, total)));
    }

    /** Items of one page and the total count. */
    public record PageOf<T>(List<T> items, long total) {
    }
}
