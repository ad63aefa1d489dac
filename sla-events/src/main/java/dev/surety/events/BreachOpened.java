package dev.surety.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * An objective's breach rule became true on the measurement at {@code openedAt}. The
 * {@code breachId} names the whole episode until its {@link BreachResolved}.
 */
public record BreachOpened(
        String id,
        String breachId,
        String agreementId,
        int agreementVersion,
        String objectiveId,
        String tenant,
        Instant openedAt,
        BigDecimal sli,
        BigDecimal threshold,
        Duration window) {
}
