package dev.surety.ingest.format;

import java.time.Instant;

/**
 * What a parser needs besides the bytes.
 *
 * @param precision     line protocol timestamp precision ({@code ns}, {@code us}, {@code ms}, {@code s}; also the
 *                      InfluxDB 1.x spellings {@code n}, {@code u}); null means nanoseconds
 * @param defaultSource source of samples that name none (the agent's token subject on HTTP), or null
 * @param receivedAt    when the payload was received: the time of line-protocol points without a timestamp
 */
public record DecodeContext(String precision, String defaultSource, Instant receivedAt, FormatSettings settings) {
}
