package dev.surety.agreement.openslo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BurnRateRule;
import dev.surety.events.Compensation;
import dev.surety.events.CreditTier;
import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.Responsibilities;
import java.math.BigDecimal;
import java.util.TreeMap;

/** Agreement terms in the shape of the REST create request (absent values left out). */
final class RequestJson {

    private RequestJson() {
    }

    static ObjectNode of(AgreementSnapshot a) {
        ObjectNode n = OpenSloExporter.NODES.objectNode();
        put(n, "name", a.name());
        put(n, "description", a.description());
        put(n, "customer", a.tenant());
        put(n, "customerName", a.customer());
        put(n, "provider", a.provider());
        put(n, "service", a.service());
        put(n, "timeZone", a.timeZone());
        put(n, "effectiveFrom", a.effectiveFrom());
        put(n, "effectiveTo", a.effectiveTo());
        ArrayNode objectives = n.putArray("objectives");
        for (ObjectiveSpec o : a.objectives()) {
            ObjectNode on = objectives.addObject();
            put(on, "id", o.objectiveId());
            put(on, "name", o.name());
            put(on, "description", o.description());
            put(on, "sliKind", o.sliKind());
            MetricSelector sel = o.selector();
            if (sel != null) {
                ObjectNode sn = on.putObject("selector");
                put(sn, "source", sel.source());
                put(sn, "service", sel.service());
                put(sn, "metric", sel.metric());
                ObjectNode labels = sn.putObject("labels");
                new TreeMap<>(sel.labels()).forEach(labels::put);
            }
            put(on, "comparison", o.comparison());
            put(on, "bound", o.bound());
            put(on, "percentile", o.percentile());
            put(on, "slice", o.slice());
            put(on, "target", o.target());
            put(on, "period", o.period());
            put(on, "window", o.window());
            put(on, "threshold", o.threshold());
            put(on, "holdTime", o.holdTime());
            ArrayNode rules = on.putArray("burnRateRules");
            for (BurnRateRule r : o.burnRateRules()) {
                ObjectNode rn = rules.addObject();
                put(rn, "name", r.name());
                put(rn, "factor", r.factor());
                put(rn, "longWindow", r.longWindow());
                put(rn, "shortWindow", r.shortWindow());
                put(rn, "severity", r.severity());
            }
            put(on, "noData", o.noData());
            put(on, "noDataAfter", o.noDataAfter());
        }
        Exclusions x = a.exclusions();
        ObjectNode xn = n.putObject("exclusions");
        ArrayNode windows = xn.putArray("maintenanceWindows");
        for (MaintenanceWindow w : x.maintenanceWindows()) {
            ObjectNode wn = windows.addObject();
            put(wn, "windowId", w.windowId());
            put(wn, "title", w.title());
            put(wn, "start", w.start());
            put(wn, "duration", w.duration());
            put(wn, "rrule", w.rrule());
            put(wn, "timeZone", w.timeZone());
        }
        put(xn, "minimumNotice", x.minimumNotice());
        ArrayNode causes = xn.putArray("excludedCauses");
        x.excludedCauses().forEach(causes::add);
        Compensation c = a.compensation();
        if (c != null) {
            ObjectNode cn = n.putObject("compensation");
            put(cn, "monthlyFee", c.monthlyFee());
            put(cn, "currency", c.currency());
            ArrayNode tiers = cn.putArray("tiers");
            for (CreditTier t : c.tiers()) {
                ObjectNode tn = tiers.addObject();
                put(tn, "belowPercent", t.belowPercent());
                put(tn, "creditPercent", t.creditPercent());
            }
            put(cn, "capPercent", c.capPercent());
            cn.put("claimRequired", c.claimRequired());
            put(cn, "minimumCredit", c.minimumCredit());
            if (c.claimWindowDays() != null) {
                cn.put("claimWindowDays", c.claimWindowDays());
            }
            put(cn, "aggregation", c.aggregation());
        }
        Responsibilities r = a.responsibilities();
        if (r != null) {
            ObjectNode rn = n.putObject("responsibilities");
            put(rn, "measuredBy", r.measuredBy());
            put(rn, "reportedBy", r.reportedBy());
            put(rn, "reporting", r.reporting());
            put(rn, "customer", r.customer());
        }
        put(n, "securityTerms", a.securityTerms());
        return n;
    }

    /** Strings as they are, decimals as JSON numbers, instants, durations and enums as their ISO/name text. */
    private static void put(ObjectNode n, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof BigDecimal d) {
            n.put(key, d);
        } else if (value instanceof Enum<?> e) {
            n.put(key, e.name());
        } else {
            n.put(key, value.toString());
        }
    }
}
