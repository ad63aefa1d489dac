package dev.surety.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The breach {@code breachId} ended: its rule has been false for the hold time, or it was cut
 * short by maintenance or by the agreement no longer being active.
 *
 * @param reason why it ended: {@code recovered} (null means the same), {@code maintenance},
 *               {@code agreement-inactive}
 * @param kind   which rule the breach was about (null: THRESHOLD)
 * @param rule   the burn-rate rule's name; null for the threshold rule
 */
public record BreachResolved(
        String id,
        String breachId,
        String agreementId,
        String objectiveId,
        String tenant,
        Instant openedAt,
        Instant resolvedAt,
        BigDecimal sli,
        @OptionalField String reason,
        @OptionalField BreachKind kind,
        @OptionalField String rule) {

    public static final String RECOVERED = "recovered";
    public static final String MAINTENANCE = "maintenance";
    public static final String AGREEMENT_INACTIVE = "agreement-inactive";

    /** A threshold-rule breach that recovered. */
    public BreachResolved(String id, String breachId, String agreementId, String objectiveId, String tenant,
            Instant openedAt, Instant resolvedAt, BigDecimal sli) {
        this(id, breachId, agreementId, objectiveId, tenant, openedAt, resolvedAt, sli, RECOVERED,
                BreachKind.THRESHOLD, null);
    }
}
