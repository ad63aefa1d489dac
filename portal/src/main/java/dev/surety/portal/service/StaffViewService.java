package dev.surety.portal.service;

import static dev.surety.portal.service.AgreementFacts.decimal;
import static dev.surety.portal.service.AgreementFacts.instant;
import static dev.surety.portal.service.AgreementFacts.items;
import static dev.surety.portal.service.AgreementFacts.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.portal.client.Backends;
import dev.surety.portal.client.Reply;
import dev.surety.portal.service.CreditProjection.Result;
import dev.surety.portal.service.CreditProjection.Schedule;
import dev.surety.portal.service.Views.BillingRow;
import dev.surety.portal.service.Views.OpsRow;
import dev.surety.portal.service.Views.Total;
import dev.surety.portal.service.Views.Unavailable;
import jakarta.enterprise.context.RequestScoped;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The cross-tenant views: open breaches by money at risk (ops) and the ledger by state (billing). */
@RequestScoped
public class StaffViewService {

    /** How many pages of 100 the staff views read at most. */
    static final int MAX_PAGES = 10;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Open breaches, most expensive first, with what could not be read. */
    @io.quarkus.qute.TemplateData
    public record OpsView(List<OpsRow> rows, List<Unavailable> unavailable, int agreements) {
    }

    @io.quarkus.qute.TemplateData
    public record BillingView(List<BillingRow> rows, List<Total> byState, List<Total> byCurrency,
                              List<Unavailable> unavailable, String stateFilter) {
    }

    private final Backends backends;
    private final Clock clock;

    public StaffViewService(Backends backends, Clock clock) {
        this.backends = backends;
        this.clock = clock;
    }

    /** Every agreement the viewer sees (newest first, up to MAX_PAGES pages), or null when the service is down. */
    public List<JsonNode> agreements(List<Unavailable> unavailable) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            Reply r = backends.agreements(null, page, 100);
            if (!r.ok()) {
                if (r.unavailableNow()) {
                    unavailable.add(new Unavailable("Agreements", r.service(), r.detail()));
                }
                return r.unavailableNow() ? null : all;
            }
            List<JsonNode> items = items(r.json());
            all.addAll(items);
            if (items.size() < 100) {
                break;
            }
        }
        return all;
    }

    public OpsView ops() {
        List<Unavailable> unavailable = new ArrayList<>();
        List<JsonNode> agreements = agreements(unavailable);
        if (agreements == null) {
            return new OpsView(List.of(), unavailable, 0);
        }
        record Ranked(OpsRow row, BigDecimal money) {
        }
        List<Ranked> ranked = new ArrayList<>();
        int missing = 0;
        Reply lastFailure = null;
        for (JsonNode a : agreements) {
            String id = a.path("id").asText();
            Reply s = backends.status(id);
            if (s.unavailableNow()) {
                // the detector answers 503 per agreement while its partitions move: list what it can tell
                missing++;
                lastFailure = s;
                continue;
            }
            if (!s.ok()) {
                continue;
            }
            ZoneId zone = AgreementFacts.zone(a);
            Schedule schedule = AgreementFacts.schedule(a);
            Instant asOf = instant(s.json(), "asOf") == null ? clock.instant() : instant(s.json(), "asOf");
            for (JsonNode spec : a.path("objectives")) {
                String oid = spec.path("id").asText();
                JsonNode st = AgreementFacts.objectiveStatus(s.json(), oid).orElse(null);
                if (st == null) {
                    continue;
                }
                List<Instant> opened = new ArrayList<>();
                st.path("openBreaches").forEach(b -> opened.add(instant(b, "openedAt") != null ? instant(b, "openedAt") : instant(b, "since")));
                if (opened.isEmpty() && st.path("openBreach").isObject()) {
                    opened.add(instant(st.path("openBreach"), "openedAt"));
                }
                if (opened.isEmpty()) {
                    continue;
                }
                JsonNode period = st.path("currentPeriod");
                Instant ps = instant(period, "start");
                Instant pe = instant(period, "end");
                BigDecimal sli = decimal(st.path("window"), "sli");
                BigDecimal errorNow = sli == null ? null : HUNDRED.subtract(sli).divide(HUNDRED, MathContext.DECIMAL64);
                String projected = "—";
                String tier = "—";
                BigDecimal money = BigDecimal.ZERO;
                if (ps != null && pe != null && pe.isAfter(ps)) {
                    Result r = CreditProjection.project(decimal(period, "attainment"), errorNow, Duration.between(ps, pe),
                            Duration.between(ps, asOf.isAfter(pe) ? pe : asOf), schedule);
                    projected = Formats.percent(r.projectedAttainment(), 4);
                    tier = r.tier().map(t -> Formats.percent(r.creditPercent(), 2) + " credit").orElse("no credit");
                    money = r.creditAmount();
                }
                Instant first = opened.stream().filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
                ranked.add(new Ranked(new OpsRow(id, a.path("name").asText(), a.path("customer").asText(), oid,
                        spec.path("name").asText(oid), Formats.time(first, zone), Formats.percent(sli, 4), projected, tier,
                        Formats.money(money, schedule.currency()), schedule.currency()), money));
            }
        }
        if (lastFailure != null) {
            unavailable.add(new Unavailable("Open breaches of " + missing + " of " + agreements.size() + " agreements",
                    lastFailure.service(), lastFailure.detail()));
        }
        ranked.sort(Comparator.comparing(Ranked::money).reversed());
        return new OpsView(ranked.stream().map(Ranked::row).toList(), unavailable, agreements.size());
    }

    public BillingView billing(String state) {
        List<Unavailable> unavailable = new ArrayList<>();
        List<JsonNode> credits = new ArrayList<>();
        String filter = state == null || state.isBlank() ? null : state.trim().toUpperCase(java.util.Locale.ROOT);
        for (int page = 0; page < MAX_PAGES; page++) {
            Reply r = backends.credits(null, filter, page, 100);
            if (!r.ok()) {
                if (r.unavailableNow()) {
                    unavailable.add(new Unavailable("Credits", r.service(), r.detail()));
                }
                break;
            }
            List<JsonNode> items = items(r.json());
            credits.addAll(items);
            if (items.size() < 100) {
                break;
            }
        }
        ZoneId utc = ZoneId.of("UTC");
        List<BillingRow> rows = new ArrayList<>();
        Map<String, BigDecimal> byCurrency = new TreeMap<>();
        Map<String, Integer> countByCurrency = new TreeMap<>();
        Map<String, BigDecimal> byState = new TreeMap<>();
        Map<String, Integer> countByState = new TreeMap<>();
        credits.sort(Comparator.comparing((JsonNode c) -> c.path("periodStart").asText()).reversed());
        for (JsonNode c : credits) {
            String st = c.path("state").asText();
            String cur = c.path("currency").asText("");
            BigDecimal amount = decimal(c, "amount") == null ? BigDecimal.ZERO : decimal(c, "amount");
            rows.add(new BillingRow(c.path("creditId").asText(), AgreementPageService.periodRange(c, utc),
                    c.path("agreementId").asText(), c.path("customer").asText(), c.path("objectiveId").asText(),
                    amount.toPlainString(), cur, AgreementPageService.stateLabel(st),
                    st.toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    c.hasNonNull("claimDeadline") ? Formats.time(instant(c, "claimDeadline"), utc) : ""));
            byCurrency.merge(cur, amount, BigDecimal::add);
            countByCurrency.merge(cur, 1, Integer::sum);
            String key = AgreementPageService.stateLabel(st) + "\u0000" + cur;
            byState.merge(key, amount, BigDecimal::add);
            countByState.merge(key, 1, Integer::sum);
        }
        List<Total> states = byState.entrySet().stream().map(e -> {
            String[] k = e.getKey().split("\u0000", -1);
            return new Total(k[0], k[1], e.getValue().toPlainString(), countByState.get(e.getKey()));
        }).toList();
        List<Total> currencies = byCurrency.entrySet().stream()
                .map(e -> new Total("all states", e.getKey(), e.getValue().toPlainString(), countByCurrency.get(e.getKey())))
                .toList();
        return new BillingView(rows, states, currencies, unavailable, filter);
    }

    static String textOr(JsonNode n, String f, String fallback) {
        String t = text(n, f);
        return t == null ? fallback : t;
    }
}
