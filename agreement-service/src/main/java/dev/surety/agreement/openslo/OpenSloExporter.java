package dev.surety.agreement.openslo;

import static dev.surety.agreement.openslo.OpenSlo.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BurnRateRule;
import dev.surety.events.Comparison;
import dev.surety.events.Compensation;
import dev.surety.events.CreditTier;
import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.Responsibilities;
import dev.surety.events.SliKind;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Writes an agreement version as OpenSLO v1 documents plus one {@code surety.dev/v1 Agreement}
 * document for what OpenSLO cannot say. Pure and deterministic: the same snapshot always yields
 * the same text, and {@link OpenSloImporter#read(String)} of that text yields the same terms
 * (see docs/openslo.md for the mapping).
 */
public final class OpenSloExporter {

    /** Keeps trailing zeros: 99.950 is written as 99.950, not 99.95. */
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final DateTimeFormatter CALENDAR_START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private OpenSloExporter() {
    }

    /**
     * The agreement as a multi-document YAML stream ({@code ---} separated): the Agreement document,
     * the Service, then an SLI and an SLO per objective, in the objectives' order.
     *
     * @throws IllegalArgumentException when the snapshot cannot be written without losing something:
     *                                  an objective without selector, a PERCENTILE objective without percentile
     */
    public static String write(AgreementSnapshot agreement) {
        List<ObjectNode> docs = new ArrayList<>();
        List<ObjectNode> extensions = new ArrayList<>();
        List<ObjectNode> openSlo = new ArrayList<>();
        if (agreement.service() != null) {
            ObjectNode service = document(OpenSlo.API_VERSION, OpenSlo.SERVICE, agreement.service());
            service.putObject("spec");
            openSlo.add(service);
        }
        for (ObjectiveSpec o : agreement.objectives()) {
            ObjectNode ext = NODES.objectNode();
            ext.put("slo", o.objectiveId());
            openSlo.add(sli(o, ext));
            openSlo.add(slo(agreement, o, ext));
            extensions.add(ext);
        }
        docs.add(agreementDocument(agreement, extensions));
        docs.addAll(openSlo);
        StringBuilder out = new StringBuilder();
        for (ObjectNode doc : docs) {
            try {
                out.append(MAPPER.writeValueAsString(doc));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    private static ObjectNode document(String apiVersion, String kind, String name) {
        ObjectNode doc = NODES.objectNode();
        doc.put("apiVersion", apiVersion);
        doc.put("kind", kind);
        doc.putObject("metadata").put("name", name);
        return doc;
    }

    // ---------------------------------------------------------------- SLI

    private static ObjectNode sli(ObjectiveSpec o, ObjectNode ext) {
        MetricSelector sel = o.selector();
        if (sel == null) {
            throw new IllegalArgumentException("objective " + o.objectiveId() + " has no metric selector");
        }
        ObjectNode doc = document(OpenSlo.API_VERSION, OpenSlo.SLI, o.objectiveId());
        ObjectNode spec = doc.putObject("spec");
        if (o.sliKind() == SliKind.RATIO) {
            ObjectNode ratio = spec.putObject("ratioMetric");
            ratio.put("counter", false);
            ratio.putObject("good").set("metricSource", metricSource(sel, null));
            ratio.putObject("total").set("metricSource", metricSource(sel, null));
        } else {
            BigDecimal percentile = null;
            if (o.sliKind() == SliKind.PERCENTILE) {
                if (o.percentile() == null) {
                    throw new IllegalArgumentException("PERCENTILE objective " + o.objectiveId() + " has no percentile");
                }
                percentile = o.percentile();
            }
            spec.putObject("thresholdMetric").set("metricSource", metricSource(sel, percentile));
        }
        if (o.percentile() != null && o.sliKind() != SliKind.PERCENTILE) {
            ext.put("percentile", o.percentile());
        }
        return doc;
    }

    private static ObjectNode metricSource(MetricSelector sel, BigDecimal percentile) {
        ObjectNode ms = NODES.objectNode();
        ms.put("type", OpenSlo.SURETY_SOURCE_TYPE);
        ObjectNode spec = ms.putObject("spec");
        putIf(spec, "source", sel.source());
        spec.put("service", sel.service());
        spec.put("metric", sel.metric());
        if (!sel.labels().isEmpty()) {
            ObjectNode labels = spec.putObject("labels");
            new TreeMap<>(sel.labels()).forEach(labels::put);
        }
        if (percentile != null) {
            spec.put("percentile", percentile);
        }
        return ms;
    }

    // ---------------------------------------------------------------- SLO

    private static ObjectNode slo(AgreementSnapshot a, ObjectiveSpec o, ObjectNode ext) {
        ObjectNode doc = document(OpenSlo.API_VERSION, OpenSlo.SLO, o.objectiveId());
        putIf((ObjectNode) doc.get("metadata"), "displayName", o.name());
        ObjectNode spec = doc.putObject("spec");
        putIf(spec, "description", o.description());
        putIf(spec, "service", a.service());
        spec.put("indicatorRef", o.objectiveId());

        if (ObjectiveSpec.CALENDAR_MONTH.equals(o.period())) {
            ObjectNode w = spec.putArray("timeWindow").addObject();
            w.put("duration", "1M");
            w.put("isRolling", false);
            ObjectNode cal = w.putObject("calendar");
            if (a.effectiveFrom() != null && a.timeZone() != null) {
                cal.put("startTime", a.effectiveFrom().atZone(ZoneId.of(a.timeZone())).withDayOfMonth(1)
                        .truncatedTo(ChronoUnit.DAYS).format(CALENDAR_START));
            }
            putIf(cal, "timeZone", a.timeZone());
        } else if (o.period() != null && Shorthand.rollingOf(o.period()) != null) {
            ObjectNode w = spec.putArray("timeWindow").addObject();
            w.put("duration", Shorthand.rollingOf(o.period()));
            w.put("isRolling", true);
        } else if (o.period() != null) {
            ext.put("period", o.period());
        }

        boolean timeslices = o.sliKind() == SliKind.TIME_SLICE || o.sliKind() == SliKind.PERCENTILE;
        spec.put("budgetingMethod", timeslices ? OpenSlo.TIMESLICES : OpenSlo.OCCURRENCES);
        ObjectNode objective = spec.putArray("objectives").addObject();
        boolean valueBased = o.sliKind() != SliKind.RATIO;
        if (o.comparison() != null) {
            if (valueBased && o.comparison() != Comparison.EQ) {
                objective.put("op", op(o.comparison()));
            } else {
                ext.put("comparison", o.comparison().name());
            }
        }
        if (o.bound() != null) {
            if (valueBased) {
                objective.put("value", o.bound());
            } else {
                ext.put("bound", o.bound());
            }
        }
        if (o.target() != null) {
            objective.put("targetPercent", o.target());
        }
        if (o.slice() != null) {
            String slice = Shorthand.format(o.slice());
            if (timeslices && slice != null && !o.slice().isZero()) {
                objective.put("timeSliceWindow", slice);
            } else {
                ext.put("slice", o.slice().toString());
            }
        }

        if (!o.burnRateRules().isEmpty()) {
            if (o.burnRateRules().stream().allMatch(OpenSloExporter::expressible)) {
                ArrayNode policies = spec.putArray("alertPolicies");
                for (int i = 0; i < o.burnRateRules().size(); i++) {
                    policies.add(alertPolicy(o, i, o.burnRateRules().get(i)));
                }
            } else {
                ArrayNode rules = ext.putArray("burnRateRules");
                o.burnRateRules().forEach(r -> rules.add(burnRateRule(r)));
            }
        }
        return doc;
    }

    private static boolean expressible(BurnRateRule r) {
        return r.factor() != null && Shorthand.format(r.longWindow()) != null && !r.longWindow().isZero()
                && Shorthand.format(r.shortWindow()) != null && !r.shortWindow().isZero();
    }

    private static ObjectNode alertPolicy(ObjectiveSpec o, int index, BurnRateRule r) {
        String name = r.name() != null ? r.name() : o.objectiveId() + "-burn-rate-" + (index + 1);
        ObjectNode policy = NODES.objectNode();
        policy.put("kind", OpenSlo.ALERT_POLICY);
        ObjectNode meta = policy.putObject("metadata");
        meta.put("name", name);
        if (r.name() == null) {
            meta.putObject("annotations").put(OpenSlo.UNNAMED, "true");
        }
        ObjectNode spec = policy.putObject("spec");
        spec.put("alertWhenBreaching", true);
        spec.put("alertWhenResolved", true);
        spec.put("alertWhenNoData", false);
        ObjectNode condition = spec.putArray("conditions").addObject();
        condition.put("kind", OpenSlo.ALERT_CONDITION);
        ObjectNode cmeta = condition.putObject("metadata");
        cmeta.put("name", name);
        cmeta.putObject("annotations").put(OpenSlo.SHORT_WINDOW, Shorthand.format(r.shortWindow()));
        ObjectNode cspec = condition.putObject("spec");
        putIf(cspec, "severity", r.severity());
        ObjectNode c = cspec.putObject("condition");
        c.put("kind", "burnrate");
        c.put("op", "gte");
        c.put("threshold", r.factor());
        c.put("lookbackWindow", Shorthand.format(r.longWindow()));
        c.put("alertAfter", "0m");
        spec.putArray("notificationTargets");
        return policy;
    }

    private static String op(Comparison c) {
        return switch (c) {
            case LT -> "lt";
            case LE -> "lte";
            case GT -> "gt";
            case GE -> "gte";
            case EQ -> throw new IllegalStateException("EQ has no OpenSLO operator");
        };
    }

    // ---------------------------------------------------------------- Agreement (Surety extension)

    private static ObjectNode agreementDocument(AgreementSnapshot a, List<ObjectNode> objectives) {
        ObjectNode doc = document(OpenSlo.SURETY_API_VERSION, OpenSlo.AGREEMENT, slug(a.name()));
        putIf((ObjectNode) doc.get("metadata"), "displayName", a.name());
        ObjectNode spec = doc.putObject("spec");
        putIf(spec, "description", a.description());
        putIf(spec, "customer", a.tenant());
        putIf(spec, "customerName", a.customer());
        putIf(spec, "provider", a.provider());
        putIf(spec, "timeZone", a.timeZone());
        putIf(spec, "effectiveFrom", a.effectiveFrom());
        putIf(spec, "effectiveTo", a.effectiveTo());
        ArrayNode objs = spec.putArray("objectives");
        for (int i = 0; i < objectives.size(); i++) {
            ObjectiveSpec o = a.objectives().get(i);
            ObjectNode e = objectives.get(i);
            ObjectNode entry = objs.addObject();
            entry.put("slo", o.objectiveId());
            putIf(entry, "window", o.window());
            if (o.threshold() != null) {
                entry.put("threshold", o.threshold());
            }
            putIf(entry, "holdTime", o.holdTime());
            if (o.noData() != null) {
                entry.put("noData", o.noData().name());
            }
            putIf(entry, "noDataAfter", o.noDataAfter());
            // what the OpenSLO documents could not carry for this objective
            e.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("slo")) {
                    entry.set(f.getKey(), f.getValue());
                }
            });
        }
        Exclusions x = a.exclusions();
        if (x != null && !x.equals(Exclusions.NONE)) {
            ObjectNode ex = spec.putObject("exclusions");
            if (!x.maintenanceWindows().isEmpty()) {
                ArrayNode ws = ex.putArray("maintenanceWindows");
                for (MaintenanceWindow w : x.maintenanceWindows()) {
                    ObjectNode n = ws.addObject();
                    n.put("windowId", w.windowId());
                    putIf(n, "title", w.title());
                    putIf(n, "start", w.start());
                    putIf(n, "duration", w.duration());
                    putIf(n, "rrule", w.rrule());
                    putIf(n, "timeZone", w.timeZone());
                }
            }
            putIf(ex, "minimumNotice", x.minimumNotice());
            if (!x.excludedCauses().isEmpty()) {
                ArrayNode causes = ex.putArray("excludedCauses");
                x.excludedCauses().forEach(causes::add);
            }
        }
        Compensation c = a.compensation();
        if (c != null) {
            ObjectNode comp = spec.putObject("compensation");
            if (c.monthlyFee() != null) {
                comp.put("monthlyFee", c.monthlyFee());
            }
            putIf(comp, "currency", c.currency());
            ArrayNode tiers = comp.putArray("tiers");
            for (CreditTier t : c.tiers()) {
                ObjectNode tn = tiers.addObject();
                tn.put("belowPercent", t.belowPercent());
                tn.put("creditPercent", t.creditPercent());
            }
            if (c.capPercent() != null) {
                comp.put("capPercent", c.capPercent());
            }
            comp.put("claimRequired", c.claimRequired());
            if (c.minimumCredit() != null) {
                comp.put("minimumCredit", c.minimumCredit());
            }
            if (c.claimWindowDays() != null) {
                comp.put("claimWindowDays", c.claimWindowDays());
            }
            if (c.aggregation() != null) {
                comp.put("aggregation", c.aggregation().name());
            }
        }
        Responsibilities r = a.responsibilities();
        if (r != null) {
            ObjectNode rn = spec.putObject("responsibilities");
            putIf(rn, "measuredBy", r.measuredBy());
            putIf(rn, "reportedBy", r.reportedBy());
            putIf(rn, "reporting", r.reporting());
            putIf(rn, "customer", r.customer());
        }
        putIf(spec, "securityTerms", a.securityTerms());
        return doc;
    }

    private static ObjectNode burnRateRule(BurnRateRule r) {
        ObjectNode n = NODES.objectNode();
        putIf(n, "name", r.name());
        if (r.factor() != null) {
            n.put("factor", r.factor());
        }
        putIf(n, "longWindow", r.longWindow());
        putIf(n, "shortWindow", r.shortWindow());
        putIf(n, "severity", r.severity());
        return n;
    }

    /** An RFC 1123 label for the Agreement document's metadata.name; the real name is its displayName. */
    static String slug(String name) {
        if (name == null) {
            return "agreement";
        }
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 63) {
            s = s.substring(0, 63).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "agreement" : s;
    }

    private static void putIf(ObjectNode n, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String s) {
            n.put(key, s);
        } else if (value instanceof Instant || value instanceof Duration) {
            n.put(key, value.toString());
        } else {
            throw new IllegalArgumentException("unexpected " + value.getClass());
        }
    }
}
