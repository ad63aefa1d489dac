package dev.surety.agreement.openslo;

import static dev.surety.agreement.openslo.OpenSlo.MAPPER;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BurnRateRule;
import dev.surety.events.Comparison;
import dev.surety.events.Compensation;
import dev.surety.events.CreditAggregation;
import dev.surety.events.CreditTier;
import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import dev.surety.events.MetricSelector;
import dev.surety.events.NoDataPolicy;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.Recurrence;
import dev.surety.events.Responsibilities;
import dev.surety.events.SliKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OpenSLO v1 documents plus Surety's {@code surety.dev/v1 Agreement} document into an agreement's
 * terms. Pure: no I/O, no clock. Strict: every unsupported kind, unknown field, wrong type or dangling
 * reference is reported with its path, all at once, in an {@link OpenSloImportException}.
 * The mapping is described in docs/openslo.md.
 */
public final class OpenSloImporter {

    /** Objective ids end up in Kafka keys ({@code agreementId/objectiveId}), hence the SLO name rule. */
    static final Pattern OBJECTIVE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private static final DateTimeFormatter CALENDAR_START = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd").optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd().appendPattern("HH:mm[:ss]").toFormatter();

    private OpenSloImporter() {
    }

    /**
     * The agreement the documents describe.
     *
     * @param yaml one or more YAML documents, {@code ---} separated, in any order
     * @throws OpenSloImportException with every problem found
     */
    public static ImportedAgreement read(String yaml) {
        return new Run().read(yaml == null ? "" : yaml);
    }

    /** {@link #read(String)}, then {@link #toRequestJson(ImportedAgreement)}. */
    public static ObjectNode readAsRequestJson(String yaml) {
        return toRequestJson(read(yaml));
    }

    /**
     * The imported terms in the shape of the REST create request ({@code POST /v1/agreements}): ISO-8601
     * strings for instants and durations, JSON numbers for decimals, absent fields left out.
     */
    public static ObjectNode toRequestJson(ImportedAgreement imported) {
        return RequestJson.of(imported.terms());
    }

    /** One import: the documents, what they define, and the problems found. */
    private static final class Run {

        private final Problems problems = new Problems();
        /** kind → name → document, in stream order. */
        private final Map<String, Map<String, Doc>> byKind = new HashMap<>();
        private final Set<Doc> used = new HashSet<>();
        private final Map<String, DataSourceDef> dataSources = new HashMap<>();
        private final Map<String, Indicator> slis = new HashMap<>();
        private final Map<String, Condition> conditions = new HashMap<>();
        private final Map<String, Rule> policies = new HashMap<>();
        private final List<SloDef> slos = new ArrayList<>();
        private Doc agreementDoc;
        private Doc serviceDoc;

        ImportedAgreement read(String yaml) {
            List<Doc> docs = parse(yaml);
            for (Doc d : docs) {
                header(d);
            }
            for (Doc d : of(OpenSlo.DATA_SOURCE)) {
                dataSource(d);
            }
            for (Doc d : of(OpenSlo.SLI)) {
                Fields meta = metadata(d.meta, false);
                meta.finish();
                Fields spec = Fields.of(d.spec, d.path + ".spec", problems);
                Indicator ind = indicator(spec, true);
                if (ind != null) {
                    slis.put(d.name, ind);
                }
            }
            for (Doc d : of(OpenSlo.ALERT_CONDITION)) {
                Condition c = condition(d.meta, d.spec, d.path);
                if (c != null) {
                    conditions.put(d.name, c);
                }
            }
            for (Doc d : of(OpenSlo.ALERT_POLICY)) {
                Rule r = policy(d.meta, d.spec, d.path, d.name);
                if (r != null) {
                    policies.put(d.name, r);
                }
            }
            if (serviceDoc != null) {
                metadata(serviceDoc.meta, false).finish();
                Fields spec = Fields.of(serviceDoc.spec == null ? MAPPER.createObjectNode() : serviceDoc.spec,
                        serviceDoc.path + ".spec", problems);
                spec.reject("description", "is not stored by Surety; describe the agreement in the Agreement document's spec.description");
                spec.finish();
            }
            for (Doc d : of(OpenSlo.SLO)) {
                SloDef s = slo(d);
                if (s != null) {
                    slos.add(s);
                }
            }
            for (String kind : List.of(OpenSlo.DATA_SOURCE, OpenSlo.SLI, OpenSlo.ALERT_CONDITION, OpenSlo.ALERT_POLICY)) {
                for (Doc d : of(kind)) {
                    if (!used.contains(d)) {
                        problems.add(d.path, kind + " '" + d.name + "' is not used by any SLO");
                    }
                }
            }
            AgreementSnapshot terms = assemble(docs);
            if (!problems.isEmpty()) {
                throw new OpenSloImportException(problems.list());
            }
            return new ImportedAgreement(terms);
        }

        private List<Doc> of(String kind) {
            return new ArrayList<>(byKind.getOrDefault(kind, Map.of()).values());
        }

        // ------------------------------------------------------------ documents

        private List<Doc> parse(String yaml) {
            List<Doc> docs = new ArrayList<>();
            int index = 0;
            try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
                while (true) {
                    String path = "documents[" + index + "]";
                    try {
                        if (!it.hasNextValue()) {
                            break;
                        }
                        JsonNode n = it.nextValue();
                        if (n != null && !n.isNull() && !n.isMissingNode()) {
                            docs.add(new Doc(path, n));
                        }
                    } catch (JsonProcessingException e) {
                        problems.add(path, yamlProblem(e));
                        throw new OpenSloImportException(problems.list());
                    }
                    index++;
                }
            } catch (IOException e) {
                problems.add("documents", "cannot be read as YAML");
                throw new OpenSloImportException(problems.list());
            }
            if (docs.isEmpty()) {
                problems.add("documents", "no YAML documents found");
                throw new OpenSloImportException(problems.list());
            }
            return docs;
        }

        /** The parser's complaint in user terms: no class names, with the line and column. */
        private static String yamlProblem(JsonProcessingException e) {
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            Matcher dup = DUPLICATE.matcher(original);
            String what;
            if (dup.find()) {
                what = "duplicate key '" + dup.group(1) + "'";
            } else {
                String first = original.lines().findFirst().orElse("").trim();
                what = first.isEmpty() || first.contains("`") || first.contains("java.") || first.contains("com.")
                        ? "malformed YAML" : first;
            }
            JsonLocation loc = e.getLocation();
            return "is not valid YAML: " + what
                    + (loc != null && loc.getLineNr() > 0 ? " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")" : "");
        }

        private void header(Doc d) {
            Fields root = Fields.of(d.node, d.path, problems);
            String apiVersion = root.name("apiVersion", true);
            String kind = root.name("kind", true);
            JsonNode meta = root.take("metadata", true);
            d.spec = root.take("spec", false);
            root.finish();
            if (apiVersion == null || kind == null) {
                return;
            }
            boolean knownKind = OpenSlo.API_VERSION.equals(apiVersion) && OpenSlo.OPENSLO_KINDS.contains(kind)
                    || OpenSlo.SURETY_API_VERSION.equals(apiVersion) && OpenSlo.AGREEMENT.equals(kind);
            if (knownKind && d.spec == null && !OpenSlo.SERVICE.equals(kind)) {
                problems.add(d.path + ".spec", "is required");
                // read on as if empty, so the fields the spec needs are named too
                d.spec = MAPPER.createObjectNode();
            }
            if (OpenSlo.API_VERSION.equals(apiVersion)) {
                if (OpenSlo.AGREEMENT.equals(kind)) {
                    problems.add(d.path + ".apiVersion", "kind Agreement is Surety's extension: use apiVersion " + OpenSlo.SURETY_API_VERSION);
                    return;
                }
                if ("AlertNotificationTarget".equals(kind)) {
                    problems.add(d.path + ".kind", "kind AlertNotificationTarget is not supported: Surety announces breaches"
                            + " on its breach events; route notifications from there");
                    return;
                }
                if (!OpenSlo.OPENSLO_KINDS.contains(kind)) {
                    problems.add(d.path + ".kind", "unknown kind '" + kind + "'; expected one of: "
                            + String.join(", ", OpenSlo.OPENSLO_KINDS) + " (or Agreement with apiVersion "
                            + OpenSlo.SURETY_API_VERSION + ")");
                    return;
                }
            } else if (OpenSlo.SURETY_API_VERSION.equals(apiVersion)) {
                if (!OpenSlo.AGREEMENT.equals(kind)) {
                    problems.add(d.path + ".kind", "unknown kind '" + kind + "' for apiVersion "
                            + OpenSlo.SURETY_API_VERSION + "; expected Agreement");
                    return;
                }
            } else {
                problems.add(d.path + ".apiVersion", "unsupported apiVersion '" + apiVersion + "'; expected "
                        + OpenSlo.API_VERSION + " or " + OpenSlo.SURETY_API_VERSION);
                return;
            }
            d.kind = kind;
            d.meta = Fields.of(meta, d.path + ".metadata", problems);
            if (meta == null) {
                return;
            }
            String name = d.meta.name("name", true);
            if (name == null) {
                return;
            }
            d.name = name;
            Map<String, Doc> names = byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>());
            if (names.containsKey(name)) {
                problems.add(d.path + ".metadata.name", "duplicate " + kind + " name '" + name + "' (also "
                        + names.get(name).path + ")");
                return;
            }
            if (OpenSlo.AGREEMENT.equals(kind) && agreementDoc != null) {
                problems.add(d.path + ".kind", "only one Agreement document is allowed (first: " + agreementDoc.path + ")");
                return;
            }
            if (OpenSlo.SERVICE.equals(kind) && serviceDoc != null) {
                problems.add(d.path + ".kind", "only one Service is allowed: an agreement covers one service (first: "
                        + serviceDoc.path + ")");
                return;
            }
            names.put(name, d);
            if (OpenSlo.AGREEMENT.equals(kind)) {
                agreementDoc = d;
            } else if (OpenSlo.SERVICE.equals(kind)) {
                serviceDoc = d;
            }
        }

        /** Reads metadata other than name (already read); labels are refused, annotations by the allowed set. */
        private Fields metadata(Fields meta, boolean displayNameStored, String... annotations) {
            meta.take("name", false);
            if (!displayNameStored) {
                meta.reject("displayName", "is not stored by Surety for this kind; names shown to people live on the SLO"
                        + " and the Agreement");
            }
            meta.reject("labels", "labels are not stored by Surety");
            Map<String, String> ann = meta.stringMap("annotations", false);
            if (ann != null) {
                Set<String> allowed = Set.of(annotations);
                for (String k : ann.keySet()) {
                    if (!allowed.contains(k)) {
                        problems.add(Fields.child(meta.at("annotations"), k), "unknown annotation; "
                                + (allowed.isEmpty() ? "Surety reads none here" : "Surety reads only " + String.join(", ", allowed) + " here"));
                    }
                }
            }
            return meta;
        }

        // ------------------------------------------------------------ DataSource

        private void dataSource(Doc d) {
            metadata(d.meta, false).finish();
            Fields spec = Fields.of(d.spec, d.path + ".spec", problems);
            spec.reject("description", "is not stored by Surety");
            String type = spec.name("type", true);
            Fields conn = spec.object("connectionDetails", false);
            spec.finish();
            String source = null;
            if (conn != null) {
                source = conn.name("source", false);
                conn.finish();
            }
            if (type != null && !OpenSlo.SURETY_SOURCE_TYPE.equals(type)) {
                problems.add(spec.at("type"), "DataSource type '" + type + "' is not supported: Surety evaluates only"
                        + " metrics its agents send it (type " + OpenSlo.SURETY_SOURCE_TYPE + ") and cannot query other systems");
            }
            dataSources.put(d.name, new DataSourceDef(d, type, source));
        }

        // ------------------------------------------------------------ SLI

        /** An SLI's spec (top-level or inline); null when unusable (problems reported). */
        private Indicator indicator(Fields spec, boolean topLevel) {
            spec.reject("description", "is not stored by Surety; describe the objective in the SLO's spec.description");
            Fields ratio = spec.object("ratioMetric", false);
            Fields threshold = spec.object("thresholdMetric", false);
            spec.finish();
            if (spec.has("ratioMetric") && spec.has("thresholdMetric")) {
                problems.add(spec.path(), "give either ratioMetric or thresholdMetric, not both");
                return null;
            }
            if (!spec.has("ratioMetric") && !spec.has("thresholdMetric")) {
                problems.add(spec.path(), "needs ratioMetric or thresholdMetric");
                return null;
            }
            if (ratio != null) {
                Boolean counter = ratio.bool("counter", false);
                if (Boolean.TRUE.equals(counter)) {
                    ratio.error("counter", "Surety samples carry the good and total counts of each interval, not"
                            + " cumulative counters; use counter: false");
                }
                String raw = "precomputed ratios are not supported: a Surety sample carries the good and total counts";
                ratio.reject("raw", raw);
                ratio.reject("rawType", raw);
                Fields good = ratio.object("good", false);
                Fields bad = ratio.object("bad", false);
                Fields total = ratio.object("total", true);
                ratio.finish();
                if (ratio.has("good") && ratio.has("bad")) {
                    ratio.error("bad", "give good or bad, not both");
                    return null;
                }
                if (!ratio.has("good") && !ratio.has("bad")) {
                    problems.add(ratio.path(), "needs good (or bad) together with total");
                    return null;
                }
                Fields numerator = good != null ? good : bad;
                Source num = numerator == null ? null : metricOf(numerator, false);
                Source tot = total == null ? null : metricOf(total, false);
                if (num == null || tot == null) {
                    return null;
                }
                if (!num.selector.equals(tot.selector)) {
                    problems.add(tot.specPath, "must select the same Surety metric as "
                            + (good != null ? "good" : "bad") + ": one Surety sample carries both the good and the total count");
                    return null;
                }
                return new Indicator(true, num.selector, null);
            }
            if (threshold == null) {
                return null;
            }
            Source src = metricOf(threshold, true);
            return src == null ? null : new Indicator(false, src.selector, src.percentile);
        }

        /** {@code {metricSource: ...}} of a ratio part or a threshold metric. */
        private Source metricOf(Fields holder, boolean threshold) {
            Fields ms = holder.object("metricSource", true);
            holder.finish();
            if (ms == null) {
                return null;
            }
            String ref = ms.name("metricSourceRef", false);
            String type = ms.name("type", false);
            Fields spec = ms.object("spec", true);
            ms.finish();
            DataSourceDef ds = null;
            if (ref != null) {
                ds = dataSources.get(ref);
                if (ds == null) {
                    ms.error("metricSourceRef", "no DataSource named '" + ref + "' in these documents");
                } else {
                    used.add(ds.doc);
                }
            }
            boolean foreign = type != null && !OpenSlo.SURETY_SOURCE_TYPE.equals(type);
            if (foreign) {
                ms.error("type", "metric source type '" + type + "' is not supported: Surety evaluates only metrics its"
                        + " agents send it, so a metric source must be of type " + OpenSlo.SURETY_SOURCE_TYPE
                        + " with spec source, service, metric and labels");
            } else if (type == null && ref == null) {
                problems.add(ms.path(), "needs type " + OpenSlo.SURETY_SOURCE_TYPE + " or a metricSourceRef");
            } else if (type != null && ds != null && ds.type != null && !type.equals(ds.type)) {
                ms.error("type", "differs from the type '" + ds.type + "' of DataSource '" + ref + "'");
            }
            if (ds != null && ds.type != null && !OpenSlo.SURETY_SOURCE_TYPE.equals(ds.type)) {
                foreign = true;
            }
            if (spec == null) {
                return null;
            }
            spec.reject("query", "queries cannot be evaluated by Surety: select a Surety metric with source, service,"
                    + " metric and labels instead");
            if (foreign) {
                spec.finish();
                return null;
            }
            String source = spec.name("source", false);
            String service = spec.name("service", true);
            String metric = spec.name("metric", true);
            Map<String, String> labels = spec.stringMap("labels", false);
            BigDecimal percentile = null;
            if (threshold) {
                percentile = spec.number("percentile", false);
            } else {
                spec.reject("percentile", "only a thresholdMetric has a percentile");
            }
            spec.finish();
            if (ds != null && ds.source != null) {
                if (source == null) {
                    source = ds.source;
                } else if (!source.equals(ds.source)) {
                    spec.error("source", "differs from the source '" + ds.source + "' of DataSource '" + ref + "'");
                }
            }
            if (service == null || metric == null) {
                return null;
            }
            return new Source(new MetricSelector(source, service, metric, labels), percentile, spec.path());
        }

        // ------------------------------------------------------------ alerting

        private Condition condition(Fields meta, JsonNode specNode, String path) {
            metadata(meta, false, OpenSlo.SHORT_WINDOW);
            Map<String, String> ann = meta.stringMap("annotations", false);
            meta.finish();
            Fields spec = Fields.of(specNode, path + ".spec", problems);
            spec.reject("description", "is not stored by Surety");
            String severity = spec.string("severity", false);
            Fields cond = spec.object("condition", true);
            spec.finish();
            if (cond == null) {
                return null;
            }
            String kind = cond.name("kind", false);
            if (kind != null && !"burnrate".equals(kind)) {
                cond.error("kind", "only burnrate conditions are supported");
            }
            String op = cond.string("op", false);
            if (op != null && !"gte".equals(op)) {
                cond.error("op", "must be gte: a Surety burn-rate rule fires when the budget burns at least threshold times"
                        + " the sustainable rate");
            }
            BigDecimal factor = cond.number("threshold", true);
            if (factor != null && factor.signum() <= 0) {
                cond.error("threshold", "must be greater than 0");
            }
            Duration lookback = cond.shorthand("lookbackWindow", true);
            Duration alertAfter = cond.shorthand("alertAfter", false);
            if (alertAfter != null && !alertAfter.isZero()) {
                cond.error("alertAfter", "must be 0m: Surety alerts as soon as both windows burn; give the short window"
                        + " in annotation " + OpenSlo.SHORT_WINDOW);
            }
            cond.finish();
            Duration shortWindow = null;
            String sw = ann == null ? null : ann.get(OpenSlo.SHORT_WINDOW);
            String swPath = Fields.child(meta.at("annotations"), OpenSlo.SHORT_WINDOW);
            if (sw != null) {
                try {
                    shortWindow = Shorthand.parse(sw);
                    if (shortWindow.isZero()) {
                        problems.add(swPath, "must be longer than zero");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(swPath, e.getMessage());
                }
            } else if (lookback != null) {
                shortWindow = lookback.dividedBy(12);
            }
            if (lookback != null && lookback.isZero()) {
                cond.error("lookbackWindow", "must be longer than zero");
            }
            if (factor == null || lookback == null || shortWindow == null) {
                return null;
            }
            return new Condition(factor, lookback, shortWindow, severity);
        }

        private Rule policy(Fields meta, JsonNode specNode, String path, String name) {
            metadata(meta, false, OpenSlo.UNNAMED);
            Map<String, String> ann = meta.stringMap("annotations", false);
            meta.finish();
            String unnamed = ann == null ? null : ann.get(OpenSlo.UNNAMED);
            if (unnamed != null && !"true".equals(unnamed)) {
                problems.add(Fields.child(meta.at("annotations"), OpenSlo.UNNAMED), "must be \"true\" when given");
            }
            Fields spec = Fields.of(specNode, path + ".spec", problems);
            spec.reject("description", "is not stored by Surety");
            Boolean breaching = spec.bool("alertWhenBreaching", false);
            if (Boolean.FALSE.equals(breaching)) {
                spec.error("alertWhenBreaching", "must be true: a Surety burn-rate rule exists to open breaches");
            }
            Boolean resolved = spec.bool("alertWhenResolved", false);
            if (Boolean.FALSE.equals(resolved)) {
                spec.error("alertWhenResolved", "must be true: Surety always announces when a breach resolves");
            }
            Boolean noData = spec.bool("alertWhenNoData", false);
            if (Boolean.TRUE.equals(noData)) {
                spec.error("alertWhenNoData", "must be false: silence is governed by the objective's noData policy in"
                        + " the Agreement document");
            }
            List<JsonNode> conds = spec.list("conditions", true);
            List<JsonNode> targets = spec.list("notificationTargets", false);
            spec.finish();
            if (targets != null && !targets.isEmpty()) {
                spec.error("notificationTargets", "must be empty: Surety announces breaches on its breach events and"
                        + " does not deliver notifications itself");
            }
            if (conds == null) {
                return null;
            }
            if (conds.size() != 1) {
                spec.error("conditions", "must hold exactly one condition");
                return null;
            }
            String cpath = spec.at("conditions") + "[0]";
            Fields c = Fields.of(conds.get(0), cpath, problems);
            Condition condition;
            if (c.has("conditionRef")) {
                String ref = c.name("conditionRef", true);
                c.finish();
                Doc target = ref == null ? null : byKind.getOrDefault(OpenSlo.ALERT_CONDITION, Map.of()).get(ref);
                if (ref != null && target == null) {
                    c.error("conditionRef", "no AlertCondition named '" + ref + "' in these documents");
                }
                if (target != null) {
                    used.add(target);
                }
                condition = ref == null ? null : conditions.get(ref);
            } else {
                Fields inlineMeta = inline(c, OpenSlo.ALERT_CONDITION);
                JsonNode inlineSpec = c.take("spec", true);
                c.finish();
                if (inlineMeta == null || inlineSpec == null) {
                    return null;
                }
                condition = condition(inlineMeta, inlineSpec, cpath);
            }
            if (condition == null) {
                return null;
            }
            return new Rule("true".equals(unnamed) ? null : name, condition);
        }

        /** An inline object's {@code kind} (checked) and {@code metadata} (name required). */
        private Fields inline(Fields c, String kind) {
            String k = c.name("kind", true);
            if (k != null && !kind.equals(k)) {
                c.error("kind", "must be " + kind);
            }
            c.reject("apiVersion", "is not used on an inline object");
            Fields meta = c.object("metadata", true);
            if (meta != null) {
                meta.name("name", true);
            }
            return meta;
        }

        // ------------------------------------------------------------ SLO

        private SloDef slo(Doc d) {
            if (!OBJECTIVE_ID.matcher(d.name).matches()) {
                problems.add(d.path + ".metadata.name", "must be 1-64 letters, digits, '.', '_' or '-', starting with a"
                        + " letter or digit: it becomes the objective's id");
            }
            Fields meta = metadata(d.meta, true);
            String displayName = meta.string("displayName", false);
            meta.finish();
            Fields spec = Fields.of(d.spec, d.path + ".spec", problems);
            SloDef s = new SloDef(d);
            s.description = spec.string("description", false);
            s.service = spec.name("service", false);
            s.servicePath = spec.at("service");
            Fields inlineIndicator = spec.object("indicator", false);
            String indicatorRef = spec.name("indicatorRef", false);
            List<JsonNode> timeWindow = spec.list("timeWindow", false);
            String budgeting = spec.string("budgetingMethod", true);
            List<JsonNode> objectives = spec.list("objectives", true);
            List<JsonNode> alertPolicies = spec.list("alertPolicies", false);
            spec.finish();

            Indicator ind = null;
            if (spec.has("indicator") && spec.has("indicatorRef")) {
                spec.error("indicatorRef", "give indicator or indicatorRef, not both");
            } else if (inlineIndicator != null) {
                String k = inlineIndicator.name("kind", false);
                if (k != null && !OpenSlo.SLI.equals(k)) {
                    inlineIndicator.error("kind", "must be SLI");
                }
                inlineIndicator.reject("apiVersion", "is not used on an inline object");
                Fields im = inlineIndicator.object("metadata", false);
                if (im != null) {
                    im.name("name", false);
                    metadata(im, false).finish();
                }
                JsonNode is = inlineIndicator.take("spec", true);
                inlineIndicator.finish();
                if (is != null) {
                    ind = indicator(Fields.of(is, inlineIndicator.at("spec"), problems), false);
                }
            } else if (indicatorRef != null) {
                Doc target = byKind.getOrDefault(OpenSlo.SLI, Map.of()).get(indicatorRef);
                if (target == null) {
                    spec.error("indicatorRef", "no SLI named '" + indicatorRef + "' in these documents");
                } else {
                    used.add(target);
                    ind = slis.get(indicatorRef);
                }
            } else if (!spec.has("indicator") && !spec.has("indicatorRef")) {
                problems.add(spec.path(), "needs indicator or indicatorRef");
            }

            timeWindow(s, spec, timeWindow);

            boolean timeslices = false;
            if (budgeting != null) {
                switch (budgeting) {
                    case OpenSlo.OCCURRENCES -> timeslices = false;
                    case OpenSlo.TIMESLICES -> timeslices = true;
                    case OpenSlo.RATIO_TIMESLICES -> spec.error("budgetingMethod", "RatioTimeslices is not supported:"
                            + " Surety counts good time slices (Timeslices) and does not average slice ratios");
                    default -> spec.error("budgetingMethod", "must be Occurrences or Timeslices");
                }
            }

            if (objectives != null) {
                if (objectives.size() != 1) {
                    spec.error("objectives", "must hold exactly one objective: Surety keeps one target per objective;"
                            + " write one SLO per target");
                } else {
                    objective(s, Fields.of(objectives.get(0), spec.at("objectives") + "[0]", problems), displayName,
                            ind, timeslices, budgeting);
                }
            }
            s.name = s.name != null ? s.name : displayName;

            if (alertPolicies != null) {
                s.rulesPath = spec.at("alertPolicies");
                for (int i = 0; i < alertPolicies.size(); i++) {
                    String ppath = spec.at("alertPolicies") + "[" + i + "]";
                    Fields p = Fields.of(alertPolicies.get(i), ppath, problems);
                    Rule rule;
                    if (p.has("alertPolicyRef")) {
                        String ref = p.name("alertPolicyRef", true);
                        p.finish();
                        Doc target = ref == null ? null : byKind.getOrDefault(OpenSlo.ALERT_POLICY, Map.of()).get(ref);
                        if (ref != null && target == null) {
                            p.error("alertPolicyRef", "no AlertPolicy named '" + ref + "' in these documents");
                        }
                        if (target != null) {
                            used.add(target);
                        }
                        rule = ref == null ? null : policies.get(ref);
                    } else {
                        Fields im = inline(p, OpenSlo.ALERT_POLICY);
                        JsonNode ispec = p.take("spec", true);
                        p.finish();
                        String name = im == null ? null : textOf(im, "name");
                        rule = im == null || ispec == null || name == null ? null : policy(im, ispec, ppath, name);
                    }
                    if (rule != null) {
                        s.rules.add(new BurnRateRule(rule.name, rule.condition.factor, rule.condition.longWindow,
                                rule.condition.shortWindow, rule.condition.severity));
                    } else {
                        s.rulesBroken = true;
                    }
                }
            }
            return s;
        }

        private static String textOf(Fields f, String key) {
            return f.has(key) ? f.string(key, false) : null;
        }

        private void timeWindow(SloDef s, Fields spec, List<JsonNode> timeWindow) {
            if (timeWindow == null) {
                return;
            }
            s.periodPath = spec.at("timeWindow");
            if (timeWindow.size() != 1) {
                spec.error("timeWindow", "must hold exactly one time window");
                return;
            }
            Fields w = Fields.of(timeWindow.get(0), spec.at("timeWindow") + "[0]", problems);
            String duration = w.string("duration", true);
            Boolean rolling = w.bool("isRolling", false);
            Fields cal = w.object("calendar", false);
            w.finish();
            if (cal != null) {
                String start = cal.string("startTime", false);
                String zone = cal.zone("timeZone", false);
                cal.finish();
                if (Boolean.TRUE.equals(rolling)) {
                    w.error("isRolling", "must be false for a calendar window");
                }
                if (duration != null && !"1M".equals(duration)) {
                    w.error("duration", "must be 1M: Surety's calendar period is the calendar month");
                }
                if (start != null) {
                    try {
                        LocalDateTime t = LocalDateTime.parse(start, CALENDAR_START);
                        if (t.getDayOfMonth() != 1 || !t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
                            cal.error("startTime", "must be midnight on the first day of a month: Surety's calendar months"
                                    + " start there");
                        }
                    } catch (DateTimeException e) {
                        cal.error("startTime", "must be a local date and time such as 2026-01-01 00:00:00");
                    }
                }
                s.period = ObjectiveSpec.CALENDAR_MONTH;
                s.calendarZone = zone;
                s.calendarZonePath = cal.at("timeZone");
                return;
            }
            if (w.has("isRolling") && !Boolean.TRUE.equals(rolling)) {
                w.error("isRolling", "must be true for a window without calendar");
                return;
            }
            if (!w.has("isRolling")) {
                w.error("isRolling", "is required: true for a rolling window, or give a calendar");
                return;
            }
            if (duration != null) {
                try {
                    s.period = Shorthand.periodOf(duration);
                } catch (IllegalArgumentException e) {
                    w.error("duration", e.getMessage());
                }
            }
        }

        private void objective(SloDef s, Fields o, String displayName, Indicator ind, boolean timeslices, String budgeting) {
            String objDisplay = o.string("displayName", false);
            if (objDisplay != null && displayName != null && !objDisplay.equals(displayName)) {
                o.error("displayName", "differs from metadata.displayName; Surety keeps one name per objective");
            }
            s.name = displayName != null ? displayName : objDisplay;
            String op = o.string("op", false);
            BigDecimal value = o.number("value", false);
            BigDecimal target = o.number("target", false);
            BigDecimal targetPercent = o.number("targetPercent", false);
            BigDecimal timeSliceTarget = o.number("timeSliceTarget", false);
            JsonNode sliceNode = o.take("timeSliceWindow", false);
            o.reject("indicatorRef", "composite SLOs are not supported: one SLO has one indicator (spec.indicator or"
                    + " spec.indicatorRef)");
            o.finish();

            if (target != null && targetPercent != null) {
                o.error("targetPercent", "give target or targetPercent, not both");
            } else if (target != null) {
                if (target.signum() < 0 || target.compareTo(BigDecimal.ONE) >= 0) {
                    o.error("target", "must be at least 0 and less than 1");
                } else {
                    s.target = target.movePointRight(2);
                }
            } else if (targetPercent != null) {
                if (targetPercent.signum() < 0 || targetPercent.compareTo(BigDecimal.valueOf(100)) >= 0) {
                    o.error("targetPercent", "must be at least 0 and less than 100");
                } else {
                    s.target = targetPercent;
                }
            } else if (!o.has("target") && !o.has("targetPercent")) {
                problems.add(o.path(), "needs target or targetPercent");
            }

            Duration slice = null;
            if (sliceNode != null) {
                if (sliceNode.isIntegralNumber() && sliceNode.canConvertToLong()) {
                    slice = Duration.ofMinutes(sliceNode.longValue());
                } else if (sliceNode.isTextual()) {
                    try {
                        slice = Shorthand.parse(sliceNode.textValue());
                    } catch (IllegalArgumentException e) {
                        o.error("timeSliceWindow", e.getMessage());
                    }
                } else {
                    o.error("timeSliceWindow", "must be a whole number of minutes or a duration shorthand such as 1m");
                }
                if (slice != null && (slice.isZero() || slice.isNegative())) {
                    o.error("timeSliceWindow", "must be longer than zero");
                    slice = null;
                }
            }
            Comparison comparison = null;
            if (op != null) {
                comparison = switch (op) {
                    case "lt" -> Comparison.LT;
                    case "lte" -> Comparison.LE;
                    case "gt" -> Comparison.GT;
                    case "gte" -> Comparison.GE;
                    default -> {
                        o.error("op", "must be one of lt, lte, gt, gte");
                        yield null;
                    }
                };
            }
            if (ind == null || budgeting == null) {
                return;
            }
            if (!timeslices) {
                if (o.has("timeSliceTarget")) {
                    o.error("timeSliceTarget", "is only used with budgetingMethod Timeslices");
                }
                if (o.has("timeSliceWindow")) {
                    o.error("timeSliceWindow", "is only used with budgetingMethod Timeslices");
                }
            }
            if (ind.ratio) {
                if (o.has("op")) {
                    o.error("op", "is only used with a thresholdMetric");
                }
                if (o.has("value")) {
                    o.error("value", "is only used with a thresholdMetric");
                }
                if (timeslices) {
                    s.kind = SliKind.TIME_SLICE;
                    s.slice = slice;
                    if (timeSliceTarget == null) {
                        if (!o.has("timeSliceTarget")) {
                            o.error("timeSliceTarget", "is required with a ratioMetric and budgetingMethod Timeslices");
                        }
                    } else if (timeSliceTarget.signum() <= 0 || timeSliceTarget.compareTo(BigDecimal.ONE) > 0) {
                        o.error("timeSliceTarget", "must be greater than 0 and at most 1");
                    } else {
                        s.comparison = Comparison.GE;
                        s.bound = timeSliceTarget.movePointRight(2);
                    }
                } else {
                    s.kind = SliKind.RATIO;
                }
                s.selector = ind.selector;
                return;
            }
            s.comparison = comparison;
            s.bound = value;
            s.selector = ind.selector;
            if (timeslices) {
                if (o.has("timeSliceTarget")) {
                    o.error("timeSliceTarget", "is not supported with a thresholdMetric: Surety judges a slice of values"
                            + " by their mean (or their percentile) against op and value");
                }
                s.kind = ind.percentile != null ? SliKind.PERCENTILE : SliKind.TIME_SLICE;
                s.percentile = ind.percentile;
                s.slice = slice;
            } else {
                if (ind.percentile != null) {
                    problems.add(s.doc.path + ".spec", "an indicator with a percentile needs budgetingMethod Timeslices:"
                            + " Surety evaluates percentiles per time slice");
                }
                s.kind = SliKind.THRESHOLD;
            }
        }

        // ------------------------------------------------------------ Agreement and assembly

        private AgreementSnapshot assemble(List<Doc> docs) {
            if (agreementDoc == null) {
                problems.add("documents", "an Agreement document (apiVersion " + OpenSlo.SURETY_API_VERSION
                        + ", kind Agreement) is required: OpenSLO has no place for the parties, the breach rule and the"
                        + " credit schedule");
                return null;
            }
            Doc d = agreementDoc;
            Fields meta = metadata(d.meta, true);
            String name = meta.string("displayName", false);
            meta.finish();
            Fields spec = Fields.of(d.spec, d.path + ".spec", problems);
            String description = spec.string("description", false);
            String tenant = spec.name("customer", true);
            String customerName = spec.string("customerName", false);
            String provider = spec.string("provider", false);
            String timeZone = spec.zone("timeZone", false);
            Instant from = spec.instant("effectiveFrom", false);
            Instant to = spec.instant("effectiveTo", false);
            List<JsonNode> objectiveEntries = spec.list("objectives", true);
            Fields exclusionsF = spec.object("exclusions", false);
            Fields compensationF = spec.object("compensation", true);
            Fields responsibilitiesF = spec.object("responsibilities", false);
            String securityTerms = spec.string("securityTerms", false);
            spec.finish();

            // service: the Service document, else what every SLO names
            String service = serviceDoc != null ? serviceDoc.name : null;
            for (SloDef s : slos) {
                if (s.service == null) {
                    continue;
                }
                if (service == null) {
                    service = s.service;
                } else if (!service.equals(s.service)) {
                    problems.add(s.servicePath, serviceDoc != null
                            ? "no Service named '" + s.service + "' in these documents (the agreement covers '" + service + "')"
                            : "differs from '" + service + "': an agreement covers one service");
                }
            }

            // time zone: the Agreement's, which every calendar window must use
            String zone = timeZone;
            for (SloDef s : slos) {
                if (s.calendarZone == null) {
                    continue;
                }
                if (zone == null) {
                    zone = s.calendarZone;
                } else if (!zone.equals(s.calendarZone)) {
                    problems.add(s.calendarZonePath, "must be the agreement's time zone '" + zone + "': Surety counts"
                            + " every calendar month in the agreement's zone");
                }
            }
            if (zone == null) {
                zone = "UTC";
            }

            Map<String, SloDef> sloByName = new LinkedHashMap<>();
            slos.forEach(s -> sloByName.put(s.doc.name, s));
            Map<String, ObjectiveSpec> built = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            if (objectiveEntries != null) {
                for (int i = 0; i < objectiveEntries.size(); i++) {
                    Fields e = Fields.of(objectiveEntries.get(i), spec.at("objectives") + "[" + i + "]", problems);
                    String slo = e.name("slo", true);
                    SloDef s = slo == null ? null : sloByName.get(slo);
                    if (slo != null && s == null) {
                        e.error("slo", "no SLO named '" + slo + "' in these documents");
                    } else if (slo != null && !seen.add(slo)) {
                        e.error("slo", "duplicate entry for SLO '" + slo + "'");
                        s = null;
                    }
                    ObjectiveSpec o = extension(e, s);
                    if (o != null) {
                        built.put(slo, o);
                    }
                }
            }
            List<ObjectiveSpec> objectives = new ArrayList<>();
            for (SloDef s : slos) {
                if (objectiveEntries != null && !seen.contains(s.doc.name)) {
                    problems.add(spec.at("objectives"), "no entry for SLO '" + s.doc.name + "': its breach rule"
                            + " (window, threshold) lives here");
                }
            }
            // the Agreement's entries give the order: documents may come in any order
            objectives.addAll(built.values());
            if (slos.isEmpty() && byKind.getOrDefault(OpenSlo.SLO, Map.of()).isEmpty()) {
                problems.add("documents", "at least one SLO document is required");
            }

            Exclusions exclusions = exclusionsF == null ? Exclusions.NONE : exclusions(exclusionsF);
            Compensation compensation = compensationF == null ? null : compensation(compensationF);
            Responsibilities responsibilities = null;
            if (responsibilitiesF != null) {
                responsibilities = new Responsibilities(responsibilitiesF.string("measuredBy", false),
                        responsibilitiesF.string("reportedBy", false), responsibilitiesF.string("reporting", false),
                        responsibilitiesF.string("customer", false));
                responsibilitiesF.finish();
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new AgreementSnapshot(ImportedAgreement.PLACEHOLDER_ID, ImportedAgreement.PLACEHOLDER_VERSION, tenant,
                    name, description, provider, customerName, service, ImportedAgreement.PLACEHOLDER_STATUS, from, to,
                    zone, objectives, exclusions, compensation, responsibilities, securityTerms,
                    ImportedAgreement.PLACEHOLDER_UPDATED_AT, null);
        }

        /** One objective: the SLO's part merged with the Agreement document's entry {@code e}. */
        private ObjectiveSpec extension(Fields e, SloDef s) {
            Duration window = e.isoDuration("window", true);
            BigDecimal threshold = e.number("threshold", false);
            Duration holdTime = e.isoDuration("holdTime", false);
            NoDataPolicy noData = e.enumeration("noData", NoDataPolicy.class, false);
            Duration noDataAfter = e.isoDuration("noDataAfter", false);
            Comparison comparison = e.enumeration("comparison", Comparison.class, false);
            BigDecimal bound = e.number("bound", false);
            BigDecimal percentile = e.number("percentile", false);
            Duration slice = e.isoDuration("slice", false);
            String period = e.string("period", false);
            List<JsonNode> rulesNodes = e.list("burnRateRules", false);
            List<BurnRateRule> rules = new ArrayList<>();
            if (rulesNodes != null) {
                for (int i = 0; i < rulesNodes.size(); i++) {
                    Fields r = Fields.of(rulesNodes.get(i), e.at("burnRateRules") + "[" + i + "]", problems);
                    BurnRateRule rule = new BurnRateRule(r.name("name", false), r.number("factor", true),
                            r.isoDuration("longWindow", true), r.isoDuration("shortWindow", true),
                            r.string("severity", false));
                    r.finish();
                    rules.add(rule);
                }
            }
            e.finish();
            if (period != null && !ObjectiveSpec.CALENDAR_MONTH.equals(period)) {
                try {
                    Duration.parse(period);
                } catch (DateTimeException ex) {
                    e.error("period", "must be CALENDAR_MONTH or an ISO-8601 duration such as P30D");
                }
            }
            if (s == null) {
                return null;
            }
            // what the SLO says wins only if the entry does not also say it: saying it twice is a conflict
            String on = "the SLO '" + s.doc.name + "' already gives ";
            if (comparison != null && s.comparison != null) {
                e.error("comparison", on + "it (op, or timeSliceTarget for a ratio)");
            }
            if (bound != null && s.bound != null) {
                e.error("bound", on + "it (value or timeSliceTarget)");
            }
            if (percentile != null && s.percentile != null) {
                e.error("percentile", on + "it (thresholdMetric metricSource spec.percentile)");
            }
            if (slice != null && s.slice != null) {
                e.error("slice", on + "it (timeSliceWindow)");
            }
            if (period != null && s.period != null) {
                e.error("period", on + "it (timeWindow)");
            }
            if (rulesNodes != null && s.rulesPath != null) {
                e.error("burnRateRules", on + "them (alertPolicies)");
            }
            if (period == null && s.period == null && s.periodPath == null) {
                problems.add(s.doc.path + ".spec", "needs a timeWindow (or a period in the Agreement document's entry"
                        + " for this SLO)");
            }
            if (s.kind == null || s.selector == null || s.rulesBroken || s.target == null) {
                return null;
            }
            return new ObjectiveSpec(s.doc.name, s.name, s.description, s.kind, s.selector,
                    s.comparison != null ? s.comparison : comparison, s.bound != null ? s.bound : bound,
                    s.percentile != null ? s.percentile : percentile, s.slice != null ? s.slice : slice, s.target,
                    s.period != null ? s.period : period, window, threshold, holdTime,
                    s.rulesPath != null ? s.rules : rules, noData, noDataAfter);
        }

        private Exclusions exclusions(Fields x) {
            List<JsonNode> windowNodes = x.list("maintenanceWindows", false);
            Duration minimumNotice = x.isoDuration("minimumNotice", false);
            List<String> causes = x.strings("excludedCauses", false);
            x.finish();
            List<MaintenanceWindow> windows = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            if (windowNodes != null) {
                for (int i = 0; i < windowNodes.size(); i++) {
                    Fields w = Fields.of(windowNodes.get(i), x.at("maintenanceWindows") + "[" + i + "]", problems);
                    String id = w.name("windowId", true);
                    if (id != null && !ids.add(id)) {
                        w.error("windowId", "duplicate window id '" + id + "'");
                    }
                    String title = w.string("title", false);
                    Instant start = w.instant("start", true);
                    Duration duration = w.isoDuration("duration", true);
                    String rrule = w.string("rrule", false);
                    String tz = w.zone("timeZone", false);
                    w.reject("announcedAt", "is set by Surety when the window is stored");
                    w.reject("excludable", "is computed by Surety from the announcement time and the minimum notice");
                    w.finish();
                    if (rrule != null) {
                        try {
                            Recurrence.parse(rrule);
                        } catch (IllegalArgumentException e) {
                            w.error("rrule", "is not a supported RRULE: " + e.getMessage());
                        }
                    }
                    windows.add(new MaintenanceWindow(id, title, start, duration, rrule, tz, null, true));
                }
            }
            return new Exclusions(windows, minimumNotice, causes);
        }

        private Compensation compensation(Fields c) {
            BigDecimal fee = c.number("monthlyFee", true);
            String currency = c.name("currency", true);
            List<JsonNode> tierNodes = c.list("tiers", true);
            BigDecimal cap = c.number("capPercent", false);
            Boolean claimRequired = c.bool("claimRequired", false);
            BigDecimal minimumCredit = c.number("minimumCredit", false);
            Integer claimWindowDays = c.integer("claimWindowDays", false);
            CreditAggregation aggregation = c.enumeration("aggregation", CreditAggregation.class, false);
            c.finish();
            List<CreditTier> tiers = new ArrayList<>();
            if (tierNodes != null) {
                for (int i = 0; i < tierNodes.size(); i++) {
                    Fields t = Fields.of(tierNodes.get(i), c.at("tiers") + "[" + i + "]", problems);
                    tiers.add(new CreditTier(t.number("belowPercent", true), t.number("creditPercent", true)));
                    t.finish();
                }
            }
            return new Compensation(fee, currency, tiers, cap, Boolean.TRUE.equals(claimRequired), minimumCredit,
                    claimWindowDays, aggregation);
        }
    }

    /** One YAML document of the stream. */
    private static final class Doc {
        final String path;
        final JsonNode node;
        String kind;
        String name;
        Fields meta;
        JsonNode spec;

        Doc(String path, JsonNode node) {
            this.path = path;
            this.node = node;
        }
    }

    private record DataSourceDef(Doc doc, String type, String source) {
    }

    private record Indicator(boolean ratio, MetricSelector selector, BigDecimal percentile) {
    }

    private record Source(MetricSelector selector, BigDecimal percentile, String specPath) {
    }

    private record Condition(BigDecimal factor, Duration longWindow, Duration shortWindow, String severity) {
    }

    private record Rule(String name, Condition condition) {
    }

    /** What one SLO document says about its objective. */
    private static final class SloDef {
        final Doc doc;
        String name;
        String description;
        String service;
        String servicePath;
        SliKind kind;
        MetricSelector selector;
        Comparison comparison;
        BigDecimal bound;
        BigDecimal percentile;
        Duration slice;
        BigDecimal target;
        String period;
        String periodPath;
        String calendarZone;
        String calendarZonePath;
        String rulesPath;
        boolean rulesBroken;
        final List<BurnRateRule> rules = new ArrayList<>();

        SloDef(Doc doc) {
            this.doc = doc;
        }
    }
}
