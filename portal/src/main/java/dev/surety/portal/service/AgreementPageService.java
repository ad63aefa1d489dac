package dev.surety.portal.service;

import static dev.surety.portal.service.AgreementFacts.decimal;
import static dev.surety.portal.service.AgreementFacts.instant;
import static dev.surety.portal.service.AgreementFacts.items;
import static dev.surety.portal.service.AgreementFacts.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.surety.portal.client.Backends;
import dev.surety.portal.client.Reply;
import dev.surety.portal.config.PortalConfig;
import dev.surety.portal.security.Viewer;
import dev.surety.portal.service.CreditProjection.Result;
import dev.surety.portal.service.CreditProjection.Schedule;
import dev.surety.portal.service.Views.AgreementPage;
import dev.surety.portal.service.Views.BreachRow;
import dev.surety.portal.service.Views.BurnRule;
import dev.surety.portal.service.Views.CreditRow;
import dev.surety.portal.service.Views.Maintenance;
import dev.surety.portal.service.Views.ObjectiveCard;
import dev.surety.portal.service.Views.PeriodRow;
import dev.surety.portal.service.Views.TierRow;
import dev.surety.portal.service.Views.Unavailable;
import jakarta.enterprise.context.RequestScoped;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Assembles one agreement's page from agreement-service, breach-detector and credit-service. */
@RequestScoped
public class AgreementPageService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Backends backends;
    private final Viewer viewer;
    private final PortalConfig config;
    private final Clock clock;

    public AgreementPageService(Backends backends, Viewer viewer, PortalConfig config, Clock clock) {
        this.backends = backends;
        this.viewer = viewer;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The agreement the viewer may see, or a {@link PageException} (404 for another tenant's agreement,
     * whatever the service answered; 503 when agreement-service is down).
     */
    public JsonNode visibleAgreement(String id) {
        Reply a = backends.agreement(id);
        if (a.unavailableNow()) {
            throw new PageException(503, "Agreement unavailable",
                    "agreement-service did not answer, so this agreement cannot be shown right now. Try again shortly.");
        }
        if (a.status() == 401) {
            throw new PageException(401, "Sign-in expired", "Your session is no longer accepted. Sign in again.");
        }
        if (a.status() == 403) {
            throw new PageException(403, "Not allowed", "Your role may not see agreements.");
        }
        if (!a.ok() || !viewer.maySee(a.json().path("customer").asText(null))) {
            throw PageException.notFound();
        }
        return a.json();
    }

    public AgreementPage page(String id, String flash, String flashError) {
        JsonNode agreement = visibleAgreement(id);
        ZoneId zone = AgreementFacts.zone(agreement);
        Schedule schedule = AgreementFacts.schedule(agreement);
        Instant now = clock.instant();
        List<Unavailable> unavailable = new ArrayList<>();

        Reply status = backends.status(id);
        JsonNode statusJson = MissingNode.getInstance();
        String statusNote = null;
        if (status.ok()) {
            statusJson = status.json();
        } else if (status.unavailableNow()) {
            unavailable.add(new Unavailable("Live status, burn rates and projections", status.service(), status.detail()));
            statusNote = "Live status is unavailable: breach-detector did not answer.";
        } else {
            statusNote = "No measurements have been judged for this agreement yet.";
        }

        Reply history = backends.history(id);
        JsonNode historyJson = history.ok() ? history.json() : MissingNode.getInstance();

        String customer = agreement.path("customer").asText();
        Instant effectiveFrom = Optional.ofNullable(instant(agreement, "effectiveFrom")).orElse(now.minus(400, ChronoUnit.DAYS));
        Instant from = effectiveFrom.isAfter(now.minus(400, ChronoUnit.DAYS)) ? effectiveFrom : now.minus(400, ChronoUnit.DAYS);
        Reply statement = backends.statementJson(customer, from.truncatedTo(ChronoUnit.SECONDS),
                now.plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
        List<JsonNode> statementLines = new ArrayList<>();
        if (statement.ok()) {
            for (JsonNode o : statement.json().path("objectives")) {
                if (id.equals(o.path("agreementId").asText())) {
                    statementLines.add(o);
                }
            }
        } else if (statement.unavailableNow()) {
            unavailable.add(new Unavailable("Past periods and statements", statement.service(), statement.detail()));
        }

        Reply credits = backends.credits(id, null, 0, 100);
        List<JsonNode> creditItems = credits.ok() ? items(credits.json()) : List.of();
        if (credits.unavailableNow() && unavailable.stream().noneMatch(u -> u.service().equals(credits.service()))) {
            unavailable.add(new Unavailable("Credits and claims", credits.service(), credits.detail()));
        }

        List<ObjectiveCard> cards = new ArrayList<>();
        for (JsonNode spec : agreement.path("objectives")) {
            cards.add(objective(spec, statusJson, historyJson, statementLines, schedule, zone, now, status.ok(), statusNote));
        }

        JsonNode comp = agreement.path("compensation");
        List<TierRow> tiers = new ArrayList<>();
        for (JsonNode t : comp.path("tiers")) {
            tiers.add(new TierRow(Formats.percent(decimal(t, "belowPercent"), 6), Formats.percent(decimal(t, "creditPercent"), 2)));
        }
        List<Maintenance> maintenance = new ArrayList<>();
        for (JsonNode w : agreement.path("exclusions").path("maintenanceWindows")) {
            Duration d = AgreementFacts.duration(text(w, "duration"));
            ZoneId wz = w.hasNonNull("timeZone") ? AgreementFacts.zone(w) : zone;
            maintenance.add(new Maintenance(Optional.ofNullable(text(w, "title")).orElse("Maintenance"),
                    Formats.time(instant(w, "start"), wz), Formats.duration(d),
                    Optional.ofNullable(text(w, "rrule")).orElse("once")));
        }
        boolean claimRequired = comp.path("claimRequired").asBoolean(false);
        Integer claimDays = comp.hasNonNull("claimWindowDays") ? comp.get("claimWindowDays").asInt() : null;

        List<CreditRow> creditRows = creditItems.stream()
                .sorted(Comparator.comparing((JsonNode c) -> c.path("periodStart").asText()).reversed())
                .map(c -> credit(c, zone, now))
                .toList();
        List<PeriodRow> periods = pastPeriods(statementLines, creditItems, zone, agreement);

        return new AgreementPage(id, agreement.path("name").asText(), text(agreement, "description"), customer,
                Optional.ofNullable(text(agreement, "customerName")).orElse(customer), text(agreement, "provider"),
                text(agreement, "service"), agreement.path("status").asText(), agreement.path("version").asInt(),
                zone.getId(), Formats.time(instant(agreement, "effectiveFrom"), zone)
                        + (agreement.hasNonNull("effectiveTo") ? " – " + Formats.time(instant(agreement, "effectiveTo"), zone) : " onwards"),
                Formats.money(schedule.monthlyFee(), schedule.currency()) + " a month", claimRequired,
                claimRequired ? (claimDays == null ? "" : claimDays + " days after the period ends") : "",
                tiers, comp.hasNonNull("capPercent") ? Formats.percent(decimal(comp, "capPercent"), 2) : "none",
                maintenance, cards, creditRows, credits.ok(), periods, statement.ok(), unavailable,
                Formats.time(now, zone), flash, flashError);
    }

    private ObjectiveCard objective(JsonNode spec, JsonNode status, JsonNode history, List<JsonNode> statementLines,
                                    Schedule schedule, ZoneId zone, Instant now, boolean statusOk, String statusNote) {
        String objectiveId = spec.path("id").asText();
        BigDecimal target = decimal(spec, "target");
        String periodSpec = spec.path("period").asText("CALENDAR_MONTH");
        JsonNode st = AgreementFacts.objectiveStatus(status, objectiveId).orElse(MissingNode.getInstance());
        JsonNode period = st.path("currentPeriod");
        Instant ps = instant(period, "start");
        Instant pe = instant(period, "end");
        BigDecimal attainment = firstDecimal(period, "attainment", st, "attainment");
        boolean hasData = attainment != null;
        Instant asOf = Optional.ofNullable(instant(status, "asOf")).orElse(now);
        BigDecimal sli = decimal(st.path("window"), "sli");
        BigDecimal errorNow = sli == null ? null : HUNDRED.subtract(sli).divide(HUNDRED, MathContext.DECIMAL64);
        BigDecimal allowed = target == null ? null : HUNDRED.subtract(target);
        BigDecimal burn = firstDecimal(st.path("window"), "burnRate", st, "burnRate");
        if (burn == null && errorNow != null && allowed != null && allowed.signum() > 0) {
            burn = errorNow.multiply(HUNDRED).divide(allowed, 4, RoundingMode.HALF_UP);
        }

        String budget = "—";
        boolean exhausted = false;
        String projectedAttainment = "—";
        String projectedTier = "—";
        String projectedCredit = "—";
        String nextTier = null;
        boolean reachable = false;
        if (ps != null && pe != null && pe.isAfter(ps)) {
            Duration length = Duration.between(ps, pe);
            Duration elapsed = Duration.between(ps, asOf.isAfter(pe) ? pe : asOf);
            JsonNode reportedBudget = period.path("errorBudget");
            BigDecimal reportedRemaining = decimal(reportedBudget, "remaining");
            if (reportedRemaining != null) {
                // the detector's own figure: 1 untouched, 0 spent, negative overspent
                BigDecimal pct = reportedRemaining.multiply(HUNDRED).setScale(2, RoundingMode.DOWN);
                exhausted = pct.signum() <= 0;
                BigDecimal minutes = decimal(reportedBudget, "remainingMinutes");
                budget = (exhausted ? "exhausted (" + pct.stripTrailingZeros().toPlainString() + " %)" : Formats.percent(pct, 2) + " left")
                        + (minutes == null ? "" : " · " + minutes.setScale(1, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + " min");
            } else if (hasData && allowed != null && allowed.signum() > 0) {
                // budget of the whole period: (100 - target) % of its time; spent: what was bad so far
                BigDecimal frac = BigDecimal.valueOf(Math.max(0, elapsed.toSeconds()))
                        .divide(BigDecimal.valueOf(Math.max(1, length.toSeconds())), MathContext.DECIMAL64);
                BigDecimal spent = HUNDRED.subtract(attainment).multiply(frac).divide(allowed, MathContext.DECIMAL64);
                BigDecimal remaining = BigDecimal.ONE.subtract(spent).multiply(HUNDRED).setScale(2, RoundingMode.DOWN);
                exhausted = remaining.signum() <= 0;
                budget = exhausted ? "exhausted (" + remaining.stripTrailingZeros().toPlainString() + " %)"
                        : Formats.percent(remaining, 2) + " left";
            }
            Result r = CreditProjection.project(attainment, errorNow, length, elapsed, schedule);
            projectedAttainment = Formats.percent(r.projectedAttainment(), 4);
            projectedTier = r.tier().map(t -> "below " + Formats.percent(t.belowPercent(), 6) + " → "
                    + Formats.percent(r.creditPercent(), 2) + " credit").orElse("no credit (target tiers not reached)");
            projectedCredit = Formats.money(r.creditAmount(), schedule.currency());
            if (r.nextTier().isPresent()) {
                var t = r.nextTier().get();
                BigDecimal nextAmount = CreditProjection.amount(
                        schedule.capPercent() == null ? t.creditPercent() : t.creditPercent().min(schedule.capPercent()), schedule);
                nextTier = Formats.downtime(r.secondsToNextTier()) + " of downtime → "
                        + Formats.percent(t.creditPercent(), 2) + " credit (" + Formats.money(nextAmount, schedule.currency())
                        + ", below " + Formats.percent(t.belowPercent(), 6) + ")";
                reachable = r.nextTierReachable();
            } else if (r.tier().isPresent()) {
                nextTier = "Already in the highest credit tier.";
                reachable = true;
            }
        }

        List<BurnRule> rules = burnRules(spec, st);
        List<BreachRow> open = openBreaches(st, zone, now);
        JsonNode hist = historyFor(history, objectiveId);
        List<BreachRow> breaches = new ArrayList<>();
        for (JsonNode b : hist.path("breaches")) {
            breaches.add(breach(b, zone, now));
        }
        for (JsonNode b : history.path("breaches")) {
            if (objectiveId.equals(b.path("objectiveId").asText(objectiveId))) {
                breaches.add(breach(b, zone, now));
            }
        }
        boolean historyAvailable = !history.isMissingNode();

        String excluded = "—";
        BigDecimal historyExcluded = decimal(hist, "excludedMinutes");
        if (historyExcluded != null) {
            excluded = historyExcluded.setScale(1, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + " min";
        }
        for (JsonNode line : historyExcluded != null ? List.<JsonNode>of() : statementLines) {
            if (objectiveId.equals(line.path("objectiveId").asText()) && ps != null
                    && ps.equals(instant(line, "periodStart")) && line.hasNonNull("excludedMinutes")) {
                excluded = line.get("excludedMinutes").asText() + " min";
            }
        }

        String chart = "";
        String chartNote;
        List<ChartSvg.Point> points = new ArrayList<>();
        JsonNode buckets = hist.path("buckets");
        // one hour of history is a single point: short periods chart better period by period
        if (buckets.size() > 1 && ps != null && pe != null) {
            long good = 0;
            long valid = 0;
            for (JsonNode b : buckets) {
                good += b.path("good").asLong();
                valid += b.path("valid").asLong(b.path("total").asLong());
                Instant end = instant(b, "end");
                if (valid > 0 && end != null) {
                    points.add(new ChartSvg.Point(end, BigDecimal.valueOf(good).multiply(HUNDRED)
                            .divide(BigDecimal.valueOf(valid), 4, RoundingMode.DOWN)));
                }
            }
            chart = ChartSvg.render("Attainment of " + spec.path("name").asText(objectiveId) + " over the current period",
                    points, target, ps, pe, Formats.time(ps, zone), Formats.time(pe, zone));
            chartNote = "Attainment so far, hour by hour, from breach-detector's period history.";
        } else {
            // the detector offers no in-period series here: chart the periods we know, and now
            Instant first = null;
            List<JsonNode> lines = statementLines.stream()
                    .filter(l -> objectiveId.equals(l.path("objectiveId").asText()))
                    .sorted(Comparator.comparing((JsonNode l) -> l.path("periodStart").asText()))
                    .toList();
            lines = lines.subList(Math.max(0, lines.size() - config.pastPeriods()), lines.size());
            for (JsonNode l : lines) {
                Instant end = instant(l, "periodEnd");
                BigDecimal a = decimal(l, "attainment");
                if (end != null && a != null && (ps == null || !end.isAfter(ps))) {
                    points.add(new ChartSvg.Point(end, a));
                    first = first == null ? instant(l, "periodStart") : first;
                }
            }
            if (hasData) {
                points.add(new ChartSvg.Point(asOf.isAfter(pe) ? pe : asOf, attainment));
                first = first == null ? ps : first;
            }
            Instant last = pe != null ? pe : points.isEmpty() ? null : points.get(points.size() - 1).at();
            chart = ChartSvg.render("Attainment per period of " + spec.path("name").asText(objectiveId), points, target,
                    first, last, Formats.time(first, zone), Formats.time(last, zone));
            chartNote = "Attainment at the end of each past period and of the current period so far "
                    + "(breach-detector offers no hour-by-hour history for this agreement).";
        }
        if (chart.isEmpty()) {
            chartNote = "No attainment figures yet: nothing to chart.";
        }

        return new ObjectiveCard(objectiveId, spec.path("name").asText(objectiveId), spec.path("sliKind").asText(""),
                Formats.percent(target, 6), periodLabel(periodSpec), Formats.time(ps, zone), Formats.time(pe, zone),
                hasData, Formats.percent(attainment, 4), hasData && target != null && attainment.compareTo(target) >= 0,
                budget, exhausted, Formats.rate(burn), Formats.percent(sli, 4), st.path("window").path("length").asText(
                spec.path("window").asText("")), st.path("breaching").asBoolean(st.path("window").path("breaching").asBoolean(false)), rules, open,
                breaches, historyAvailable, excluded, projectedAttainment, projectedTier, projectedCredit, nextTier,
                reachable, chart, chartNote, statusOk && !st.isMissingNode(),
                statusOk && st.isMissingNode() ? "breach-detector has not judged this objective yet." : statusNote,
                period.hasNonNull("breaches") ? period.get("breaches").asInt() + (period.get("breaches").asInt() == 1
                        ? " breach episode" : " breach episodes") + " opened this period" : null,
                st.path("noData").isObject() ? "No data since " + Formats.time(instant(st.path("noData"), "lastDataAt"), zone)
                        + switch (st.path("noData").path("policy").asText("")) {
                            case "BAD" -> " — the silence counts as bad time";
                            case "GOOD" -> " — the silence counts as good time";
                            default -> " — the silence is not counted";
                        } : null);
    }

    private static BigDecimal firstDecimal(JsonNode a, String fa, JsonNode b, String fb) {
        BigDecimal v = decimal(a, fa);
        return v != null ? v : decimal(b, fb);
    }

    private static String periodLabel(String period) {
        if ("CALENDAR_MONTH".equals(period)) {
            return "calendar month";
        }
        Duration d = AgreementFacts.duration(period);
        return d == null ? period : "rolling " + Formats.duration(d);
    }

    /** The contract's burn-rate rules, with the detector's current rates where it reports them. */
    private static List<BurnRule> burnRules(JsonNode spec, JsonNode st) {
        List<BurnRule> out = new ArrayList<>();
        JsonNode reported = st.path("burnRates");
        for (JsonNode r : spec.path("burnRateRules")) {
            String name = r.path("name").asText("");
            String windows = r.path("longWindow").asText("") + " / " + r.path("shortWindow").asText("");
            String rate = "—";
            for (JsonNode b : reported) {
                boolean same = name.equals(b.path("name").asText(b.path("rule").asText("\u0000")))
                        || (r.path("longWindow").asText().equals(windowLength(b.path("longWindow")))
                        && r.path("shortWindow").asText().equals(windowLength(b.path("shortWindow"))));
                if (same) {
                    rate = rates(b);
                }
            }
            out.add(new BurnRule(name.isBlank() ? "rule" : name, Formats.rate(decimal(r, "factor")), windows, rate,
                    r.path("severity").asText("")));
        }
        if (out.isEmpty()) {
            for (JsonNode b : reported) {
                out.add(new BurnRule(b.path("name").asText(b.path("rule").asText("rule")),
                        Formats.rate(decimal(b, "factor")),
                        windowLength(b.path("longWindow")) + " / " + windowLength(b.path("shortWindow")),
                        rates(b), b.path("severity").asText("")));
            }
        }
        return out;
    }

    /** A window given as its ISO length, or as an object with a {@code length}. */
    private static String windowLength(JsonNode w) {
        return w.isObject() ? w.path("length").asText("") : w.asText("");
    }

    private static String rates(JsonNode b) {
        BigDecimal longRate = b.path("longWindow").isObject() ? decimal(b.path("longWindow"), "burnRate")
                : firstDecimal(b, "longBurnRate", b, "longRate");
        BigDecimal shortRate = b.path("shortWindow").isObject() ? decimal(b.path("shortWindow"), "burnRate")
                : firstDecimal(b, "shortBurnRate", b, "shortRate");
        String firing = b.path("firing").asBoolean(false) ? " · firing" : "";
        BigDecimal single = firstDecimal(b, "burnRate", b, "rate");
        if (longRate != null || shortRate != null) {
            return Formats.rate(longRate) + " / " + Formats.rate(shortRate) + firing;
        }
        return Formats.rate(single) + firing;
    }

    private static List<BreachRow> openBreaches(JsonNode st, ZoneId zone, Instant now) {
        List<BreachRow> out = new ArrayList<>();
        for (JsonNode b : st.path("openBreaches")) {
            out.add(breach(b, zone, now));
        }
        if (out.isEmpty() && st.path("openBreach").isObject()) {
            out.add(breach(st.path("openBreach"), zone, now));
        }
        return out;
    }

    private static BreachRow breach(JsonNode b, ZoneId zone, Instant now) {
        Instant opened = instant(b, "openedAt") != null ? instant(b, "openedAt") : instant(b, "since");
        Instant resolved = instant(b, "resolvedAt");
        Duration d = opened == null ? null : Duration.between(opened, resolved == null ? now : resolved);
        String kind = Optional.ofNullable(text(b, "kind")).orElse("threshold")
                + (b.hasNonNull("rule") ? " · " + b.get("rule").asText() : "");
        return new BreachRow(Formats.time(opened, zone), resolved == null ? "open" : Formats.time(resolved, zone),
                Formats.duration(d) + (resolved == null ? " so far" : ""), kind,
                Optional.ofNullable(text(b, "severity")).orElse(""), Optional.ofNullable(text(b, "reason")).orElse(""),
                resolved == null);
    }

    private static JsonNode historyFor(JsonNode history, String objectiveId) {
        for (JsonNode o : history.path("objectives")) {
            if (objectiveId.equals(o.path("objectiveId").asText())) {
                return o;
            }
        }
        return MissingNode.getInstance();
    }

    private CreditRow credit(JsonNode c, ZoneId zone, Instant now) {
        String state = c.path("state").asText("");
        Instant deadline = instant(c, "claimDeadline");
        boolean claimable = "ENTITLED".equals(state) && deadline != null && now.isBefore(deadline) && viewer.customer();
        return new CreditRow(c.path("creditId").asText(), periodRange(c, zone), c.path("objectiveId").asText(""),
                Formats.percent(decimal(c, "attainment"), 4),
                c.hasNonNull("tierBelowPercent") ? "below " + Formats.percent(decimal(c, "tierBelowPercent"), 6) : "—",
                Formats.percent(decimal(c, "creditPercent"), 2), Formats.money(decimal(c, "amount"), text(c, "currency")),
                stateLabel(state), state.toLowerCase(java.util.Locale.ROOT).replace('_', '-'), claimable,
                deadline == null ? "" : Formats.time(deadline, zone), c.path("periodStart").asText(),
                Optional.ofNullable(text(c, "reason")).orElse(""));
    }

    static String stateLabel(String state) {
        return switch (state) {
            case "ENTITLED" -> "entitled";
            case "CLAIMED" -> "claimed";
            case "ISSUED" -> "issued";
            case "APPLIED" -> "applied";
            case "BELOW_MINIMUM" -> "below minimum";
            case "VOIDED" -> "voided";
            default -> state.toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String periodRange(JsonNode node, ZoneId zone) {
        Instant s = instant(node, "periodStart");
        Instant e = instant(node, "periodEnd");
        if (s != null && e != null && s.atZone(zone).getDayOfMonth() == 1 && s.atZone(zone).toLocalTime().toSecondOfDay() == 0
                && s.atZone(zone).plusMonths(1).toInstant().equals(e)) {
            return Formats.month(s, zone);
        }
        return Formats.time(s, zone) + " – " + Formats.time(e, zone);
    }

    private List<PeriodRow> pastPeriods(List<JsonNode> lines, List<JsonNode> credits, ZoneId zone, JsonNode agreement) {
        List<PeriodRow> out = new ArrayList<>();
        List<JsonNode> sorted = lines.stream()
                .sorted(Comparator.comparing((JsonNode l) -> l.path("periodStart").asText()).reversed()
                        .thenComparing(l -> l.path("objectiveId").asText()))
                .limit(config.pastPeriods())
                .toList();
        for (JsonNode l : sorted) {
            String ps = l.path("periodStart").asText();
            String credit = credits.stream()
                    .filter(c -> Instant.parse(c.path("periodStart").asText(Instant.EPOCH.toString()))
                            .equals(instant(l, "periodStart")))
                    .filter(c -> c.path("objectiveId").asText().equals(l.path("objectiveId").asText())
                            || "*".equals(c.path("objectiveId").asText()))
                    .map(c -> Formats.money(decimal(c, "amount"), text(c, "currency")) + " (" + stateLabel(c.path("state").asText()) + ")")
                    .findFirst().orElse(l.hasNonNull("creditPercent") && decimal(l, "creditPercent").signum() > 0
                            ? Formats.percent(decimal(l, "creditPercent"), 2) + " of the fee" : "none");
            BigDecimal a = decimal(l, "attainment");
            BigDecimal t = decimal(l, "target");
            out.add(new PeriodRow(periodRange(l, zone), l.path("objectiveId").asText(),
                    "FINAL".equals(l.path("status").asText()) ? "final" : "provisional",
                    Formats.percent(a, 4), Formats.percent(t, 6), a != null && t != null && a.compareTo(t) >= 0,
                    l.hasNonNull("excludedMinutes") ? l.get("excludedMinutes").asText() + " min" : "—",
                    l.hasNonNull("breaches") ? l.get("breaches").asText() : "—", credit, ps));
        }
        return out;
    }
}
