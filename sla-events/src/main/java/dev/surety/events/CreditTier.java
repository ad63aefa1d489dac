package dev.surety.events;

import java.math.BigDecimal;

/**
 * One line of a credit schedule: an attainment strictly below {@code belowPercent} earns
 * {@code creditPercent} of the monthly fee. An attainment exactly on the bound is not below it.
 */
public record CreditTier(BigDecimal belowPercent, BigDecimal creditPercent) {
}
