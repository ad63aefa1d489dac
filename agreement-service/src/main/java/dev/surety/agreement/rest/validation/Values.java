package dev.surety.agreement.rest.validation;

import dev.surety.events.ObjectiveSpec;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Optional;

/** Lenient readers of request values, shared by the validators; empty means "not readable". */
final class Values {

    private Values() {
    }

    /** The duration written in {@code text}, if it is an ISO-8601 duration. */
    static Optional<Duration> duration(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A compliance period as a duration; empty for {@code CALENDAR_MONTH} or an unreadable value. */
    static Optional<Duration> periodDuration(String period) {
        return ObjectiveSpec.CALENDAR_MONTH.equals(period) ? Optional.empty() : duration(period);
    }

    /** The shortest calendar month: what windows of a CALENDAR_MONTH objective must stay below. */
    static final Duration SHORTEST_MONTH = Duration.ofDays(28);

    /**
     * How long a period lasts at least: 28 days for {@code CALENDAR_MONTH} (also when absent, its
     * default), the duration otherwise; empty when unreadable.
     */
    static Optional<Duration> shortestPeriod(String period) {
        return period == null || ObjectiveSpec.CALENDAR_MONTH.equals(period) ? Optional.of(SHORTEST_MONTH)
                : duration(period);
    }

    /** "the period" in words, for messages. */
    static String periodName(String period) {
        return period == null || ObjectiveSpec.CALENDAR_MONTH.equals(period)
                ? "the period (28 days, the shortest CALENDAR_MONTH)" : "the period " + period.strip();
    }

    /**
     * Text made safe as a constraint message template: braces, dollar signs and backslashes are
     * escaped, so values quoted from the request are never interpreted as expressions.
     */
    static String literal(String text) {
        return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }

    /** The currency of a code, if it is a payable ISO 4217 currency. */
    static Optional<Currency> currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return Optional.empty();
        }
        try {
            Currency c = Currency.getInstance(code);
            // Metals, test and "no currency" codes have no minor unit (-1): credits cannot be paid in them.
            return c.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(c);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
