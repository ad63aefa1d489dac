package dev.surety.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * An objective's breach rule became true on the measurement at {@code openedAt}. The
 * {@code breachId} names the whole episode until its {@link BreachResolved}.
 *
 * @param sli       the SLI over {@code window} when the rule became true, in percent (PERCENTILE: the value)
 * @param threshold the threshold rule's bound, or the burn-rate rule's factor
 * @param window    the threshold rule's window, or the burn-rate rule's long window
 * @param kind      which rule (null: THRESHOLD)
 * @param rule      the burn-rate rule's name; null for the threshold rule
 * @param burnRate  burn rate over the long window when a burn-rate rule opened
 * @param severity  the burn-rate rule's severity ({@code page}, {@code ticket})
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
        Duration window,
        @OptionalField BreachKind kind,
        @OptionalField String rule,
        @OptionalField BigDecimal burnRate,
        @OptionalField String severity) {

    /** A threshold-rule breach. */
    public BreachOpened(String id, String breachId, String agreementId, int agreementVersion, String objectiveId,
            String tenant, Instant openedAt, BigDecimal sli, BigDecimal threshold, Duration window) {
        this(id, breachId, agreementId, agreementVersion, objectiveId, tenant, openedAt, sli, threshold, window,
                BreachKind.THRESHOLD, null, null, null);
    }
}
