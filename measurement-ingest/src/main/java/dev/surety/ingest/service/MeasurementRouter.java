package dev.surety.ingest.service;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.RawMetric;
import dev.surety.events.SliKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides, for one raw record, which measurements it yields or why it is refused. Pure: no Kafka,
 * no CDI, so the stream processor and a later HTTP endpoint share the same rules.
 */
public final class MeasurementRouter {

    /** Reasons longer than this are cut so that a DLQ header stays small. */
    static final int MAX_REASON_LENGTH = 2000;

    private final Duration maxFutureSkew;

    public MeasurementRouter(Duration maxFutureSkew) {
        this.maxFutureSkew = maxFutureSkew;
    }

    /**
     * Routes the samples of one raw record.
     *
     * @param ceType     the record's {@code ce_type} header, or null when absent
     * @param payload    the record value as received
     * @param origin     {@code <topic>/<partition>@<offset>} of the record, the base of fallback sample ids
     * @param now        the ingest clock, for the future-timestamp rule
     * @param agreements the agreements currently known (read only when the payload is valid)
     */
    public IngestOutcome route(String ceType, byte[] payload, String origin, Instant now,
                               Supplier<? extends Iterable<AgreementSnapshot>> agreements) {
        return route(ceType, null, payload, origin, now, agreements);
    }

    /**
     * Routes the samples of one raw record published on behalf of a tenant.
     *
     * @param publisherTenant the {@code surety-tenant} header (set by the HTTP endpoint from the agent's
     *                        token), or null when absent: then any tenant's agreement may be fed
     *                        (the Kafka path, guarded by Kafka ACLs). When present, a sample matching an
     *                        objective of another tenant's agreement refuses the whole record.
     */
    public IngestOutcome route(String ceType, String publisherTenant, byte[] payload, String origin, Instant now,
                               Supplier<? extends Iterable<AgreementSnapshot>> agreements) {
        if (ceType != null && !EventType.RAW_METRIC.ceType().equals(ceType)) {
            return reject(RejectionCategory.UNSUPPORTED_TYPE, CloudEvents.H_TYPE + ": '" + ceType
                    + "' is not " + EventType.RAW_METRIC.ceType());
        }
        List<Sample> samples;
        try {
            samples = RawMetricParser.parse(payload);
        } catch (RejectedException e) {
            return reject(e.rejection().category(), e.rejection().reason());
        }
        List<String> problems = new ArrayList<>();
        for (Sample s : samples) {
            problems.addAll(RawMetricValidator.validate(s, now, maxFutureSkew));
        }
        if (!problems.isEmpty()) {
            return reject(RejectionCategory.INVALID, String.join("; ", problems));
        }
        List<AgreementSnapshot> inForce = new ArrayList<>();
        for (AgreementSnapshot a : agreements.get()) {
            if (a != null && a.status() == AgreementStatus.ACTIVE) {
                inForce.add(a);
            }
        }
        List<Measurement> out = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        int unmatched = 0;
        for (Sample s : samples) {
            RawMetric m = s.metric();
            String rawId = m.id() != null && !m.id().isBlank() ? m.id() : origin + "#" + s.index();
            boolean matched = false;
            for (AgreementSnapshot a : inForce) {
                if (!inForceAt(a, m.timestamp())) {
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
                                + publisherTenant + "' but matches objective "
                                + Measurement.key(a.agreementId(), o.objectiveId()) + " of tenant '" + a.tenant() + "'");
                        continue;
                    }
                    if (m.good() == null || m.total() == null) {
                        // Measurements carry good/total only; a gauge sample cannot feed a ratio SLI.
                        problems.add(s.field("good") + ": is required by " + kind(o) + " objective "
                                + Measurement.key(a.agreementId(), o.objectiveId()));
                        continue;
                    }
                    out.add(new Measurement(measurementId(rawId, a.agreementId(), o.objectiveId()), rawId,
                            a.agreementId(), a.version(), o.objectiveId(), a.tenant(), m.timestamp(),
                            m.good(), m.total()));
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
        return new IngestOutcome.Routed(out, samples.size(), unmatched);
    }

    /** Deterministic, so that replaying a raw record yields the same measurement ids. */
    public static String measurementId(String rawId, String agreementId, String objectiveId) {
        return UUID.nameUUIDFromBytes((rawId + "|" + agreementId + "|" + objectiveId)
                .getBytes(StandardCharsets.UTF_8)).toString();
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

    private static String kind(ObjectiveSpec o) {
        SliKind k = o.sliKind() == null ? SliKind.RATIO : o.sliKind();
        return k.name().toLowerCase();
    }

    private static IngestOutcome reject(RejectionCategory category, String reason) {
        String r = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH - 3) + "..." : reason;
        return new IngestOutcome.Rejected(new Rejection(category, r));
    }
}
