package dev.surety.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A multi-window burn-rate rule on the error budget (SRE workbook, chapter 5): the rule is true while
 * the budget burns at least {@code factor} times the sustainable rate over both the long and the
 * short window.
 *
 * @param name        short label, e.g. {@code page-fast}
 * @param factor      burn rate multiple, e.g. 14.4
 * @param longWindow  long window, e.g. PT1H
 * @param shortWindow short window that makes the rule reset quickly, e.g. PT5M
 * @param severity    who is told: {@code page} or {@code ticket}
 */
public record BurnRateRule(
        @OptionalField String name,
        BigDecimal factor,
        Duration longWindow,
        Duration shortWindow,
        @OptionalField String severity) {

    /** The SRE workbook's recommended pairs for a 30-day budget. */
    public static final List<BurnRateRule> SRE_WORKBOOK = List.of(
            new BurnRateRule("page-fast", new BigDecimal("14.4"), Duration.ofHours(1), Duration.ofMinutes(5), "page"),
            new BurnRateRule("page-slow", new BigDecimal("6"), Duration.ofHours(6), Duration.ofMinutes(30), "page"),
            new BurnRateRule("ticket-fast", new BigDecimal("3"), Duration.ofDays(1), Duration.ofHours(2), "ticket"),
            new BurnRateRule("ticket-slow", new BigDecimal("1"), Duration.ofDays(3), Duration.ofHours(6), "ticket"));
}
