package dev.surety.ingest.service;

import dev.surety.events.RawMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The rules a raw sample must meet on its own, before it is matched to any agreement. */
public final class RawMetricValidator {

    private RawMetricValidator() {
    }

    /**
     * Every rule the sample breaks, each as {@code "<field path>: <message>"}; empty when valid.
     *
     * @param now           this service's current time, against which future timestamps are judged
     * @param maxFutureSkew how far ahead of {@code now} a timestamp may be
     */
    public static List<String> validate(Sample sample, Instant now, Duration maxFutureSkew) {
        return validate(sample, now, maxFutureSkew, null);
    }

    /**
     * As {@link #validate(Sample, Instant, Duration)}, also refusing samples older than {@code maxAge} (the
     * retention horizon: downstream windows and periods no longer take them); null means no limit.
     */
    public static List<String> validate(Sample sample, Instant now, Duration maxFutureSkew, Duration maxAge) {
        List<String> problems = new ArrayList<>(sample.violations());
        RawMetric m = sample.metric();
        if (m == null) {
            return problems;
        }
        if (isBlank(m.service()) && !mentions(problems, sample.field("service"))) {
            problems.add(sample.field("service") + ": is required");
        }
        if (isBlank(m.metric()) && !mentions(problems, sample.field("metric"))) {
            problems.add(sample.field("metric") + ": is required");
        }
        if (m.timestamp() == null) {
            if (!mentions(problems, sample.field("timestamp"))) {
                problems.add(sample.field("timestamp") + ": is required");
            }
        } else if (m.timestamp().isBefore(Instant.EPOCH)) {
            // Kafka cannot carry a negative record timestamp, and no agent measures before 1970.
            problems.add(sample.field("timestamp") + ": must not be before " + Instant.EPOCH);
        } else if (m.timestamp().isAfter(now.plus(maxFutureSkew))) {
            problems.add(sample.field("timestamp") + ": must not be more than " + maxFutureSkew
                    + " ahead of the ingest clock (" + now + ")");
        } else if (maxAge != null && m.timestamp().isBefore(now.minus(maxAge))) {
            problems.add(sample.field("timestamp") + ": must not be more than " + maxAge
                    + " older than the ingest clock (" + now + ")");
        }
        if (m.value() != null && !Double.isFinite(m.value())) {
            problems.add(sample.field("value") + ": must be finite");
        }
        boolean goodUnread = mentions(problems, sample.field("good"));
        boolean totalUnread = mentions(problems, sample.field("total"));
        Long good = m.good();
        Long total = m.total();
        if (good != null && total == null && !totalUnread) {
            problems.add(sample.field("total") + ": is required when good is given");
        } else if (total != null && good == null && !goodUnread) {
            problems.add(sample.field("good") + ": is required when total is given");
        }
        if (good != null && good < 0) {
            problems.add(sample.field("good") + ": must be >= 0");
        }
        if (total != null && total < 0) {
            problems.add(sample.field("total") + ": must be >= 0");
        }
        if (good != null && total != null && good >= 0 && total >= 0 && good > total) {
            problems.add(sample.field("total") + ": must be >= good");
        }
        boolean anyMeasureGiven = m.value() != null || good != null || total != null
                || goodUnread || totalUnread || mentions(problems, sample.field("value"));
        if (!anyMeasureGiven) {
            problems.add(sample.field("value") + ": is required unless good and total are given");
        }
        return problems;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean mentions(List<String> problems, String fieldPath) {
        // A loop, not a stream: it runs several times for every sample, nearly always over an empty list.
        for (String p : problems) {
            if (p.length() > fieldPath.length() && p.startsWith(fieldPath) && p.charAt(fieldPath.length()) == ':') {
                return true;
            }
        }
        return false;
    }
}
