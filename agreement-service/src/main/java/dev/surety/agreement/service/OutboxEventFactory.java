package dev.surety.agreement.service;

import dev.surety.agreement.Agreement;
import dev.surety.agreement.repository.OutboxEventEntity;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Builds the outbox rows announcing agreement changes. */
@ApplicationScoped
public class OutboxEventFactory {

    static final String AGGREGATE_TYPE = "agreement";

    /**
     * The outbox {@code event_type} of a tombstone. Not a CloudEvents type: a tombstone is a
     * record with a null value that makes the compacted topic forget the key, not an event.
     */
    public static final String TOMBSTONE = "tombstone";

    /**
     * The snapshot event of the agreement's current version. Its id is derived from the agreement
     * id and version, so the same version always travels under the same {@code ce_id}; the outbox
     * primary key then also refuses a second snapshot row for one version.
     */
    public OutboxEventEntity snapshot(Agreement agreement, Instant now) {
        OutboxEventEntity e = new OutboxEventEntity();
        e.id = snapshotEventId(agreement.id(), agreement.version());
        e.aggregateType = AGGREGATE_TYPE;
        e.aggregateId = agreement.id().toString();
        e.eventType = EventType.AGREEMENT_SNAPSHOT.ceType();
        e.eventTime = agreement.updatedAt();
        e.payload = new String(EventCodec.encode(agreement.toSnapshot()), StandardCharsets.UTF_8);
        e.createdAt = now;
        return e;
    }

    /**
     * The tombstone of a deleted agreement: key = agreement id, no payload. Its id is derived from
     * the agreement id (an agreement is deleted at most once).
     */
    public OutboxEventEntity tombstone(UUID agreementId, Instant now) {
        OutboxEventEntity e = new OutboxEventEntity();
        e.id = UUID.nameUUIDFromBytes(("agreement-tombstone/" + agreementId).getBytes(StandardCharsets.UTF_8));
        e.aggregateType = AGGREGATE_TYPE;
        e.aggregateId = agreementId.toString();
        e.eventType = TOMBSTONE;
        e.eventTime = now;
        e.payload = null;
        e.createdAt = now;
        return e;
    }

    /** The event id of the snapshot of one agreement version. */
    public static UUID snapshotEventId(UUID agreementId, int version) {
        return UUID.nameUUIDFromBytes(("agreement-snapshot/" + agreementId + "/" + version)
                .getBytes(StandardCharsets.UTF_8));
    }
}
