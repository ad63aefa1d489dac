package dev.surety.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Attainment of one objective over one compliance period: {@code good / total} in percent. The
 * raw counts travel with it so consumers can compare against tier bounds exactly.
 *
 * @param attainment percent, rounded down to 6 decimals; 100 when no valid events were seen
 */
public record ComplianceRecord(
        String id,
        String agreementId,
        int agreementVersion,
        String objectiveId,
        String tenant,
        Instant periodStart,
        Instant periodEnd,
        long good,
        long total,
        BigDecimal attainment,
        BigDecimal target,
        boolean met,
        ComplianceStatus status) {
}
