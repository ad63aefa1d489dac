package dev.surety.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Attainment of one objective over one compliance period: {@code good / total} in percent. The
 * raw counts travel with it so consumers can compare against tier bounds exactly. For TIME_SLICE
 * and PERCENTILE objectives good and total count slices, not events.
 *
 * @param attainment     percent, rounded down to 6 decimals; 100 when no valid events were seen
 * @param excluded       excludable maintenance time inside the period (null: none recorded)
 * @param noData         time judged by the no-data policy inside the period (null: none recorded)
 * @param breaches       breach episodes that opened inside the period (null: not counted)
 * @param asOf           for PROVISIONAL records, the event time the figures include up to
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
        ComplianceStatus status,
        @OptionalField Duration excluded,
        @OptionalField Duration noData,
        @OptionalField Integer breaches,
        @OptionalField Instant asOf) {

    /** A record without exclusion, no-data and breach figures. */
    public ComplianceRecord(String id, String agreementId, int agreementVersion, String objectiveId, String tenant,
            Instant periodStart, Instant periodEnd, long good, long total, BigDecimal attainment, BigDecimal target,
            boolean met, ComplianceStatus status) {
        this(id, agreementId, agreementVersion, objectiveId, tenant, periodStart, periodEnd, good, total, attainment,
                target, met, status, null, null, null, null);
    }
}
