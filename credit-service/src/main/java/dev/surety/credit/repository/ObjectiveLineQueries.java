package dev.surety.credit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Statement queries over the objective lines. */
@ApplicationScoped
public class ObjectiveLineQueries implements PanacheRepositoryBase<ObjectiveLineEntity, ObjectiveLineEntity.Key> {

    /** A tenant's lines whose period starts in {@code [from, to)}. */
    public Uni<List<ObjectiveLineEntity>> forTenant(String tenant, Instant from, Instant to) {
        return list("tenant = ?1 and periodStart >= ?2 and periodStart < ?3", tenant, from, to);
    }
}
