package dev.surety.events;

import java.math.BigDecimal;

/** How a value is compared with an objective's bound: the value is good when {@code value <op> bound}. */
public enum Comparison {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("==");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as people write it, e.g. {@code <=}. */
    public String symbol() {
        return symbol;
    }

    /** Whether {@code value <op> bound} holds. */
    public boolean test(BigDecimal value, BigDecimal bound) {
        int c = value.compareTo(bound);
        return switch (this) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case EQ -> c == 0;
        };
    }

    /** Whether {@code value <op> bound} holds; NaN never does. */
    public boolean test(double value, BigDecimal bound) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return false;
        }
        return test(BigDecimal.valueOf(value), bound);
    }
}
