package dev.surety.agreement.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in (or already relayed from) the transactional outbox. Written in the same
 * transaction as the state change it announces; the relay publishes rows in {@code seq} order.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEventEntity {

    /** The event id; the relay sends it as the CloudEvents {@code ce_id}. */
    @Id
    public UUID id;

    /** Commit-order position, assigned by the database. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    /** Kind of aggregate the event is about, e.g. {@code agreement}. */
    @Column(name = "aggregate_type", nullable = false)
    public String aggregateType;

    /** Id of the aggregate; the relay uses it as the Kafka key and CloudEvents subject. */
    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;

    /** The CloudEvents {@code type}. */
    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** The CloudEvents {@code time}: when the change happened. */
    @Column(name = "event_time", nullable = false)
    public Instant eventTime;

    /** The event data exactly as it is sent (event codec JSON). */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the broker acknowledged the event; null while it waits. */
    @Column(name = "published_at")
    public Instant publishedAt;
}
