package dev.surety.detector;

import dev.surety.events.EventType;
import java.time.Instant;

/**
 * One event the detector decided to publish: its CloudEvents type and id, its event time (also
 * the Kafka record timestamp) and the event data.
 */
public record Emission(EventType type, String id, Instant time, Record event) {
}
