package dev.surety.ingest.service;

/**
 * A raw record that is refused as a whole.
 *
 * @param reason human-readable, naming the offending field as a path such as {@code samples[2].total}
 */
public record Rejection(RejectionCategory category, String reason) {
}
