package dev.surety.credit.repository;

import dev.surety.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * One event waiting in (or read from) the outbox.
 *
 * @param seq     position in the outbox (0 before insertion)
 * @param key     Kafka record key
 * @param payload the CloudEvents data, exactly as it will be sent
 */
public record OutboxEvent(long seq, UUID eventId, EventType type, String key, String subject, byte[] payload,
                          Instant occurredAt) {
}
