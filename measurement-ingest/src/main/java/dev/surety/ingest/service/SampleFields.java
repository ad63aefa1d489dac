package dev.surety.ingest.service;

import dev.surety.events.RawMetric;
import java.time.Instant;
import java.util.Map;

/**
 * The fields of one sample object as {@link RawMetricParser}'s streaming reading meets them, each at most once.
 */
final class SampleFields {

    static final int ID = 1;
    static final int SOURCE = 1 << 1;
    static final int SERVICE = 1 << 2;
    static final int METRIC = 1 << 3;
    static final int LABELS = 1 << 4;
    static final int TIMESTAMP = 1 << 5;
    static final int VALUE = 1 << 6;
    static final int GOOD = 1 << 7;
    static final int TOTAL = 1 << 8;

    private String id;
    private String source;
    private String service;
    private String metric;
    Map<String, String> labels = Map.of();
    Instant timestamp;
    Double value;
    private Long good;
    private Long total;
    private int seen;

    /** Marks {@code field} as read: false if it is unknown (0) or was read before. */
    boolean first(int field) {
        if (field == 0 || (seen & field) != 0) {
            return false;
        }
        seen |= field;
        return true;
    }

    /** Sets the text field {@link #ID}, {@link #SOURCE}, {@link #SERVICE} or {@link #METRIC}. */
    void text(int field, String text) {
        switch (field) {
            case ID -> id = text;
            case SOURCE -> source = text;
            case SERVICE -> service = text;
            default -> metric = text;
        }
    }

    /** Sets {@link #GOOD} or {@link #TOTAL}. */
    void count(int field, Long n) {
        if (field == GOOD) {
            good = n;
        } else {
            total = n;
        }
    }

    RawMetric metric() {
        return new RawMetric(id, source, service, metric, labels, timestamp, value, good, total);
    }
}
