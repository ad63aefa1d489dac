package dev.surety.detector.alerting;

import dev.surety.detector.Objectives;
import dev.surety.detector.Percent;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BreachKind;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.BurnRateRule;
import dev.surety.events.NoDataEnded;
import dev.surety.events.NoDataStarted;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns breach events (and breaches still open in the detector's state) into Alertmanager alerts.
 * Every path builds labels through {@link #labels}, so the opening, every re-send and the
 * resolution of one episode carry the same label set, which is how Alertmanager matches them.
 *
 * <p>Firing alerts are sent with {@code endsAt = now + lifetime} (as Prometheus does): they stay
 * active while re-sent, and one that is no longer re-sent resolves by itself after the lifetime.
 */
public final class AlertMapper {

    public static final String BREACH = "SuretyBreach";
    public static final String BURN_RATE = "SuretyBurnRate";
    public static final String NO_DATA = "SuretyNoData";
    static final String THRESHOLD_RULE = "threshold";

    private final String externalUrl;
    private final String defaultSeverity;
    private final String noDataSeverity;
    private final Duration lifetime;

    /**
     * @param externalUrl     base URL of this detector, for {@code generatorURL}
     * @param defaultSeverity severity of threshold breaches and of burn-rate rules without one
     * @param noDataSeverity  severity of no-data alerts
     * @param lifetime        how long a firing alert stays active without being sent again
     */
    public AlertMapper(String externalUrl, String defaultSeverity, String noDataSeverity, Duration lifetime) {
        String base = externalUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.externalUrl = base;
        this.defaultSeverity = defaultSeverity;
        this.noDataSeverity = noDataSeverity;
        this.lifetime = lifetime;
    }

    /** A breach opened: firing from {@code openedAt}. The agreement (may be null) gives its name. */
    public AlertmanagerAlert opened(BreachOpened e, AgreementSnapshot agreement, Instant now) {
        BreachKind kind = e.kind() == null ? BreachKind.THRESHOLD : e.kind();
        String severity = e.severity() != null && !e.severity().isBlank() ? e.severity() : defaultSeverity;
        Map<String, String> labels = breachLabels(e.tenant(), e.agreementId(), agreement, e.objectiveId(), kind,
                e.rule(), severity);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary(labels, kind));
        String measure = kind == BreachKind.BURN_RATE
                ? "burn rate " + plain(e.burnRate()) + " >= factor " + plain(e.threshold()) + " over " + e.window()
                        + " (SLI " + plain(e.sli()) + ")"
                : "SLI " + plain(e.sli()) + " vs threshold " + plain(e.threshold()) + " over " + e.window();
        annotations.put("description", subject(labels) + ": " + measure + " since " + e.openedAt()
                + "; breach " + e.breachId() + ".");
        annotations.put("breach_id", e.breachId());
        annotations.put("sli", plain(e.sli()));
        annotations.put("threshold", plain(e.threshold()));
        return new AlertmanagerAlert(labels, annotations, e.openedAt(), firingUntil(e.openedAt(), now),
                generatorUrl(e.agreementId()));
    }

    /** A breach resolved: same labels, {@code endsAt} = when it resolved (not after now). */
    public AlertmanagerAlert resolved(BreachResolved e, AgreementSnapshot agreement, Instant now) {
        BreachKind kind = e.kind() == null ? BreachKind.THRESHOLD : e.kind();
        Map<String, String> labels = breachLabels(e.tenant(), e.agreementId(), agreement, e.objectiveId(), kind,
                e.rule(), severity(agreement, e.objectiveId(), kind, e.rule()));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary(labels, kind) + " (resolved)");
        String reason = e.reason() == null ? BreachResolved.RECOVERED : e.reason();
        annotations.put("description", subject(labels) + ": breach " + e.breachId() + " open since " + e.openedAt()
                + " resolved at " + e.resolvedAt() + " (" + reason + ", SLI " + plain(e.sli()) + ").");
        annotations.put("breach_id", e.breachId());
        annotations.put("sli", plain(e.sli()));
        return new AlertmanagerAlert(labels, annotations, e.openedAt(), ended(e.openedAt(), e.resolvedAt(), now),
                generatorUrl(e.agreementId()));
    }

    /** A source went silent: firing from the moment it was detected. */
    public AlertmanagerAlert noDataStarted(NoDataStarted e, AgreementSnapshot agreement, Instant now) {
        Map<String, String> labels = noDataLabels(e.tenant(), e.agreementId(), agreement, e.objectiveId());
        return new AlertmanagerAlert(labels, noDataAnnotations(labels, e.episodeId(), e.lastDataAt(), null),
                e.detectedAt(), firingUntil(e.detectedAt(), now), generatorUrl(e.agreementId()));
    }

    /** Data arrives again: the no-data alert ends. */
    public AlertmanagerAlert noDataEnded(NoDataEnded e, AgreementSnapshot agreement, Instant now) {
        Map<String, String> labels = noDataLabels(e.tenant(), e.agreementId(), agreement, e.objectiveId());
        // The event does not carry detectedAt; Alertmanager keeps the earlier start of the two anyway.
        Instant startsAt = e.lastDataAt();
        return new AlertmanagerAlert(labels, noDataAnnotations(labels, e.episodeId(), e.lastDataAt(), e.dataResumedAt()),
                startsAt, ended(startsAt, e.dataResumedAt(), now), generatorUrl(e.agreementId()));
    }

    /**
     * A breach still open in the detector's state, sent again so Alertmanager keeps it active.
     * Alertmanager shows the newest annotations, so these state the figures again: the SLI of the
     * window as it stands (RATIO/THRESHOLD events, TIME_SLICE closed slices) against the threshold,
     * or the burn-rate rule.
     *
     * @param ruleName null (or empty) for the threshold rule, else the burn-rate rule's name
     * @param window   the threshold window's counts, or null
     */
    public AlertmanagerAlert stillOpen(AgreementSnapshot agreement, String objectiveId, String ruleName,
                                       String breachId, Instant openedAt, WindowFigures window, Instant now) {
        boolean threshold = ruleName == null || ruleName.isEmpty();
        BreachKind kind = threshold ? BreachKind.THRESHOLD : BreachKind.BURN_RATE;
        String rule = threshold ? null : ruleName;
        Map<String, String> labels = breachLabels(agreement.tenant(), agreement.agreementId(), agreement, objectiveId,
                kind, rule, severity(agreement, objectiveId, kind, rule));
        ObjectiveSpec spec = objective(agreement, objectiveId);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary(labels, kind));
        String measure = "";
        if (spec != null && threshold) {
            BigDecimal bound = spec.sliKind() == SliKind.PERCENTILE ? spec.bound() : spec.threshold();
            BigDecimal sli = currentSli(spec, window);
            measure = "SLI " + plain(sli) + " now vs threshold " + plain(bound) + " over " + spec.window() + ", ";
            annotations.put("sli", plain(sli));
            annotations.put("threshold", plain(bound));
        } else if (spec != null) {
            for (BurnRateRule r : spec.burnRateRules()) {
                if (Objects.equals(Objectives.ruleName(r), rule)) {
                    measure = "burn rate >= factor " + plain(r.factor()) + " over " + r.longWindow() + " and "
                            + r.shortWindow() + ", ";
                    annotations.put("threshold", plain(r.factor()));
                }
            }
        }
        annotations.put("description", subject(labels) + ": " + measure + "open since " + openedAt + "; breach "
                + breachId + ".");
        annotations.put("breach_id", breachId);
        return new AlertmanagerAlert(labels, annotations, openedAt, firingUntil(openedAt, now),
                generatorUrl(agreement.agreementId()));
    }

    private static ObjectiveSpec objective(AgreementSnapshot agreement, String objectiveId) {
        if (agreement.objectives() == null) {
            return null;
        }
        return agreement.objectives().stream().filter(o -> Objects.equals(o.objectiveId(), objectiveId))
                .findFirst().orElse(null);
    }

    /** Null where the window's counts do not give the SLI (PERCENTILE: a sketch; no data yet). */
    private static BigDecimal currentSli(ObjectiveSpec spec, WindowFigures w) {
        if (w == null || spec.sliKind() == SliKind.PERCENTILE) {
            return null;
        }
        if (spec.sliKind() == SliKind.TIME_SLICE) {
            return w.dataSlices() == 0 ? null : Percent.of(w.goodSlices(), w.dataSlices());
        }
        return w.total() == 0 ? null : Percent.of(w.good(), w.total());
    }

    /** A silent episode still running in the detector's state. */
    public AlertmanagerAlert stillSilent(AgreementSnapshot agreement, String objectiveId, String episodeId,
                                         Instant lastDataAt, Instant detectedAt, Instant now) {
        Map<String, String> labels = noDataLabels(agreement.tenant(), agreement.agreementId(), agreement, objectiveId);
        return new AlertmanagerAlert(labels, noDataAnnotations(labels, episodeId, lastDataAt, null), detectedAt,
                firingUntil(detectedAt, now), generatorUrl(agreement.agreementId()));
    }

    /** The link Alertmanager shows for an alert: the detector's live status of the agreement. */
    public String generatorUrl(String agreementId) {
        return externalUrl + "/v1/status/" + URLEncoder.encode(agreementId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The identity of an alert. The agreement name comes from the agreement's newest version
     * (absent when the agreement is unknown or has no name).
     */
    static Map<String, String> labels(String alertname, String tenant, String agreementId, AgreementSnapshot agreement,
                                      String objectiveId, String severity, String kind, String rule) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertname);
        put(labels, "tenant", tenant);
        labels.put("agreement", agreementId);
        if (agreement != null) {
            put(labels, "agreement_name", agreement.name());
        }
        labels.put("objective", objectiveId);
        put(labels, "severity", severity);
        labels.put("kind", kind);
        put(labels, "rule", rule);
        return labels;
    }

    private Map<String, String> breachLabels(String tenant, String agreementId, AgreementSnapshot agreement,
                                             String objectiveId, BreachKind kind, String rule, String severity) {
        boolean burn = kind == BreachKind.BURN_RATE;
        return labels(burn ? BURN_RATE : BREACH, tenant, agreementId, agreement, objectiveId, severity,
                burn ? "burn-rate" : "threshold", burn ? rule : THRESHOLD_RULE);
    }

    private Map<String, String> noDataLabels(String tenant, String agreementId, AgreementSnapshot agreement,
                                             String objectiveId) {
        return labels(NO_DATA, tenant, agreementId, agreement, objectiveId, noDataSeverity, "no-data", null);
    }

    /**
     * The severity of a breach when the event does not carry it (resolution, re-send): the
     * burn-rate rule's severity in the agreement's newest version, else the default.
     */
    String severity(AgreementSnapshot agreement, String objectiveId, BreachKind kind, String rule) {
        if (kind != BreachKind.BURN_RATE || agreement == null || agreement.objectives() == null) {
            return defaultSeverity;
        }
        for (ObjectiveSpec o : agreement.objectives()) {
            if (Objects.equals(o.objectiveId(), objectiveId) && o.burnRateRules() != null) {
                for (BurnRateRule r : o.burnRateRules()) {
                    if (Objects.equals(Objectives.ruleName(r), rule) && r.severity() != null && !r.severity().isBlank()) {
                        return r.severity();
                    }
                }
            }
        }
        return defaultSeverity;
    }

    private Map<String, String> noDataAnnotations(Map<String, String> labels, String episodeId, Instant lastDataAt,
                                                  Instant resumedAt) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", name(labels) + " / " + labels.get("objective") + ": no data"
                + (resumedAt == null ? "" : " (resolved)"));
        annotations.put("description", subject(labels) + ": no measurement since " + lastDataAt
                + (resumedAt == null ? "" : "; data again at " + resumedAt) + "; episode " + episodeId + ".");
        annotations.put("episode_id", episodeId);
        return annotations;
    }

    private Instant firingUntil(Instant startsAt, Instant now) {
        Instant until = now.plus(lifetime);
        return until.isBefore(startsAt) ? startsAt.plus(lifetime) : until;
    }

    /** Alertmanager refuses {@code endsAt} before {@code startsAt}, and a future one would keep the alert active. */
    private static Instant ended(Instant startsAt, Instant endedAt, Instant now) {
        Instant end = endedAt == null || endedAt.isAfter(now) ? now : endedAt;
        return startsAt != null && end.isBefore(startsAt) ? startsAt : end;
    }

    private static String summary(Map<String, String> labels, BreachKind kind) {
        String what = kind == BreachKind.BURN_RATE ? "error budget burn (" + labels.get("rule") + ")" : "SLA breach";
        return name(labels) + " / " + labels.get("objective") + ": " + what;
    }

    private static String subject(Map<String, String> labels) {
        return "objective " + labels.get("objective") + " of agreement " + name(labels)
                + (labels.containsKey("agreement_name") ? " (" + labels.get("agreement") + ")" : "")
                + (labels.containsKey("tenant") ? ", tenant " + labels.get("tenant") : "");
    }

    private static String name(Map<String, String> labels) {
        return labels.getOrDefault("agreement_name", labels.get("agreement"));
    }

    private static String plain(BigDecimal d) {
        return d == null ? "n/a" : d.toPlainString();
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(name, value);
        }
    }
}
