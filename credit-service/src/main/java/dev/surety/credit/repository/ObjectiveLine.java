package dev.surety.credit.repository;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The latest figures of one objective for one period, as the statement shows them.
 *
 * @param status           PROVISIONAL or FINAL
 * @param excludedSeconds  excludable maintenance inside the period (null: not reported)
 * @param breaches         breach episodes opened inside the period (null: not reported)
 * @param tierBelowPercent the tier this objective alone falls under (null: none)
 * @param creditPercent    the percent of the fee it earns alone, after the cap (null: none)
 */
public record ObjectiveLine(
        String agreementId,
        String objectiveId,
        Instant periodStart,
        Instant periodEnd,
        String tenant,
        int agreementVersion,
        String status,
        long good,
        long total,
        BigDecimal attainment,
        BigDecimal target,
        Long excludedSeconds,
        Integer breaches,
        BigDecimal tierBelowPercent,
        BigDecimal creditPercent,
        String complianceId,
        Instant updatedAt) {

    public boolean isFinal() {
        return "FINAL".equals(status);
    }
}
