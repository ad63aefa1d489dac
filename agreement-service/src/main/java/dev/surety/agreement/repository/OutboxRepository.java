package dev.surety.agreement.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The transactional outbox table. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEventEntity, UUID> {

    /** Advisory lock id naming "the agreement outbox relay" across every instance of the service. */
    static final long RELAY_LOCK = 0x5375726574790001L;

    /**
     * Tries to become the one relay publishing in this transaction. Row locks alone would let two
     * instances publish different rows of the same agreement at once, and the later version could
     * reach the topic first; one relay at a time keeps every key's events in commit order.
     *
     * @return false when another instance's relay holds the lock; it is released at transaction end
     */
    public Uni<Boolean> tryLockRelay() {
        return getSession().chain(s -> s.createNativeQuery("select pg_try_advisory_xact_lock(:key)", Boolean.class)
                .setParameter("key", RELAY_LOCK)
                .getSingleResult());
    }

    /**
     * The oldest unpublished events, locked for this transaction. Rows another transaction holds
     * are skipped rather than waited for.
     */
    public Uni<List<OutboxEventEntity>> lockUnpublished(int limit) {
        return getSession().chain(s -> s.createNativeQuery(
                        "select * from outbox_event where published_at is null order by seq"
                                + " limit :limit for update skip locked", OutboxEventEntity.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    public Uni<Integer> markPublished(List<UUID> ids, Instant at) {
        return update("publishedAt = :at where id in :ids", Parameters.with("at", at).and("ids", ids));
    }

    public Uni<Long> countUnpublished() {
        return count("publishedAt is null");
    }

    /** Deletes events published before {@code cutoff}; unpublished events are never purged. */
    public Uni<Long> purgePublishedBefore(Instant cutoff) {
        return delete("publishedAt < ?1", cutoff);
    }
}
