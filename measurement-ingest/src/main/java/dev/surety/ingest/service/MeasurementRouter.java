package dev.surety.ingest.service;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.Exclusions;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.RawMetric;
import dev.surety.events.SliKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Decides, for the samples of one raw record, which measurements they yield or why the record is refused. Pure: no
 * Kafka, no CDI, so the stream processor and the HTTP endpoints share the same rules.
 */
public final class MeasurementRouter {

    /** Reasons longer than this are cut so that a DLQ header stays small. */
    static final int MAX_REASON_LENGTH = 2000;

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("MD5 not supported", e);
        }
    });

    private final Duration maxFutureSkew;
    private final Duration maxAge;

    public MeasurementRouter(Duration maxFutureSkew, Duration maxAge) {
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
    }

    /** Every rule the samples break, each {@code "<path>: <message>"} once, in sample order. */
    public List<String> validate(List<Sample> samples, Instant now) {
        Set<String> problems = new LinkedHashSet<>();
        for (Sample s : samples) {
            problems.addAll(RawMetricValidator.validate(s, now, maxFutureSkew, maxAge));
        }
        return List.copyOf(problems);
    }

    /**
     * Routes valid samples.
     *
     * @param publisherTenant the {@code surety-tenant} header (set by the HTTP endpoints from the agent's token), or
     *                        null: then any tenant's agreement may be fed (the Kafka path, guarded by Kafka ACLs).
     *                        When present, a sample matching an objective of another tenant's agreement refuses the
     *                        whole record.
     * @param origin          {@code <topic>/<partition>@<offset>} of the record, the base of fallback sample ids
     * @param agreements      the version history of every agreement known
     */
    public IngestOutcome route(List<Sample> samples, String publisherTenant, String origin,
                               Iterable<AgreementHistory> agreements) {
        return route(samples, publisherTenant, origin, AgreementIndex.of(agreements));
    }

    /**
     * Routes valid samples against the agreements of an index (see {@link AgreementIndex}: the same outcome as
     * routing against every agreement it was built from).
     */
    public IngestOutcome route(List<Sample> samples, String publisherTenant, String origin, AgreementIndex agreements) {
        List<Measurement> out = new ArrayList<>();
        Set<String> foreign = new LinkedHashSet<>();
        Set<String> problems = new LinkedHashSet<>();
        int unmatched = 0;
        int excluded = 0;
        for (Sample s : samples) {
            RawMetric m = s.metric();
            String rawId = m.id() != null && !m.id().isBlank() ? m.id() : origin + "#" + s.index();
            boolean matched = false;
            for (AgreementHistory h : agreements.candidates(m)) {
                AgreementSnapshot a = h == null ? null : h.inForceAt(m.timestamp());
                // Only the version in force at the sample's time counts, and only while it is ACTIVE.
                if (a == null || a.status() != AgreementStatus.ACTIVE || !inForceAt(a, m.timestamp())) {
                    continue;
                }
                for (ObjectiveSpec o : a.objectives()) {
                    if (!selects(o.selector(), m)) {
                        continue;
                    }
                    matched = true;
                    if (publisherTenant != null && !publisherTenant.equals(a.tenant())) {
                        // An agent may only ever feed its own tenant's agreements.
                        foreign.add(s.field("service") + ": tenant mismatch: published for tenant '"
                                + publisherTenant + "' but matches objective " + Measurement.key(a.agreementId(),
                                o.objectiveId()) + " of tenant '" + a.tenant() + "'");
                        continue;
                    }
                    Exclusions ex = a.exclusions();
                    if (ex != null && ex.isExcludedCause(m.labels().get(Exclusions.CAUSE_LABEL))) {
                        excluded++;
                        continue;
                    }
                    Measurement measurement = measurement(s, rawId, a, o, problems);
                    if (measurement != null) {
                        out.add(measurement);
                    }
                }
            }
            if (!matched) {
                unmatched++;
            }
        }
        if (!foreign.isEmpty()) {
            foreign.addAll(problems);
            return reject(RejectionCategory.TENANT_MISMATCH, String.join("; ", foreign));
        }
        if (!problems.isEmpty()) {
            return reject(RejectionCategory.INVALID, String.join("; ", problems));
        }
        return new IngestOutcome.Routed(out, samples.size(), unmatched, excluded);
    }

    /**
     * One sample judged by one objective. Counted samples carry their counts (and value, if any). A value sample is
     * one event for THRESHOLD, TIME_SLICE and PERCENTILE objectives, good when it meets the bound; it cannot feed a
     * RATIO objective, and a PERCENTILE objective needs a value.
     */
    private static Measurement measurement(Sample s, String rawId, AgreementSnapshot a, ObjectiveSpec o,
                                           Set<String> problems) {
        RawMetric m = s.metric();
        SliKind kind = o.sliKind() == null ? SliKind.RATIO : o.sliKind();
        long good;
        long total;
        if (m.good() != null && m.total() != null) {
            if (kind == SliKind.PERCENTILE && m.value() == null) {
                problems.add(s.field("value") + ": is required by percentile objective "
                        + Measurement.key(a.agreementId(), o.objectiveId()));
                return null;
            }
            good = m.good();
            total = m.total();
        } else if (kind == SliKind.RATIO) {
            // Measurements of a ratio objective are counts; a gauge sample cannot feed it.
            problems.add(s.field("good") + ": is required by ratio objective "
                    + Measurement.key(a.agreementId(), o.objectiveId()));
            return null;
        } else {
            good = o.meetsBound(m.value()) ? 1 : 0;
            total = 1;
        }
        return new Measurement(measurementId(rawId, a.agreementId(), o.objectiveId()), rawId, a.agreementId(),
                a.version(), o.objectiveId(), a.tenant(), m.timestamp(), good, total, m.value());
    }

    /**
     * Deterministic, so that replaying a raw record yields the same measurement ids: exactly
     * {@code UUID.nameUUIDFromBytes} of {@code rawId|agreementId|objectiveId}, with a digest kept per thread instead
     * of one looked up from the security providers for every id (a visible share of the cost per record).
     */
    public static String measurementId(String rawId, String agreementId, String objectiveId) {
        byte[] md5 = MD5.get().digest((rawId + "|" + agreementId + "|" + objectiveId).getBytes(StandardCharsets.UTF_8));
        md5[6] &= 0x0f;
        md5[6] |= 0x30; // version 3: name-based, MD5
        md5[8] &= 0x3f;
        md5[8] |= (byte) 0x80; // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
            lsb = (lsb << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    /** Whether the agreement's effective range holds {@code t}: from inclusive, to exclusive, null = open. */
    static boolean inForceAt(AgreementSnapshot a, Instant t) {
        if (a.effectiveFrom() != null && a.effectiveFrom().isAfter(t)) {
            return false;
        }
        return a.effectiveTo() == null || t.isBefore(a.effectiveTo());
    }

    private static boolean selects(MetricSelector selector, RawMetric m) {
        // MetricSelector.matches assumes service and metric are set; an incomplete selector selects nothing.
        return selector != null && selector.service() != null && selector.metric() != null && selector.matches(m);
    }

    /** A rejection whose reason is cut to fit a DLQ header. */
    public static IngestOutcome.Rejected reject(RejectionCategory category, String reason) {
        String r = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH - 3) + "..." : reason;
        return new IngestOutcome.Rejected(new Rejection(category, r));
    }
}
