package dev.surety.credit.rest;

import dev.surety.credit.repository.CreditEntity;
import dev.surety.credit.repository.ObjectiveLineEntity;
import dev.surety.credit.service.CreditCalculator;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Ledger rows to a statement, as JSON view or RFC 4180 CSV. */
@ApplicationScoped
public class StatementMapper {

    /**
     * CSV columns, in order. OBJECTIVE rows leave creditId, amount, currency and state empty; CREDIT
     * rows leave status, target, excludedMinutes and breaches empty; TOTAL rows fill only record,
     * amount and currency.
     */
    static final List<String> CSV_HEADER = List.of("record", "creditId", "agreementId", "objectiveId", "periodStart",
            "periodEnd", "status", "attainment", "target", "excludedMinutes", "breaches", "tierBelowPercent",
            "creditPercent", "amount", "currency", "state");
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final String CRLF = "\r\n";

    public StatementView toView(String customer, Instant from, Instant to, List<CreditEntity> credits) {
        return toView(customer, from, to, List.of(), credits);
    }

    public StatementView toView(String customer, Instant from, Instant to, List<ObjectiveLineEntity> objectives,
                                List<CreditEntity> credits) {
        List<StatementView.ObjectiveLine> objectiveLines = objectives.stream().map(StatementMapper::objective).toList();
        List<StatementView.Line> lines = credits.stream().map(StatementMapper::line).toList();
        // exact sums: amounts are already at the currency scale, adding them never rounds
        Map<String, BigDecimal> sums = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (CreditEntity c : credits) {
            String currency = c.currency.trim();
            sums.merge(currency, scaled(c), BigDecimal::add);
            counts.merge(currency, 1, Integer::sum);
        }
        List<StatementView.Total> totals = new ArrayList<>();
        sums.forEach((currency, sum) -> totals.add(new StatementView.Total(currency,
                sum.setScale(CreditCalculator.currencyScale(currency)).toPlainString(), counts.get(currency))));
        return new StatementView(customer, from, to, objectiveLines, lines, totals);
    }

    /** Header row, one {@code CREDIT} row per line, one {@code TOTAL} row per currency; CRLF line ends. */
    public String toCsv(StatementView s) {
        StringBuilder out = new StringBuilder();
        row(out, CSV_HEADER);
        for (StatementView.ObjectiveLine o : s.objectives()) {
            row(out, Arrays.asList("OBJECTIVE", "", o.agreementId(), o.objectiveId(), str(o.periodStart()),
                    str(o.periodEnd()), o.status(), o.attainment(), o.target(), o.excludedMinutes(),
                    o.breaches() == null ? "" : o.breaches().toString(), o.tierBelowPercent(), o.creditPercent(),
                    "", "", ""));
        }
        for (StatementView.Line l : s.lines()) {
            row(out, Arrays.asList("CREDIT", l.creditId(), l.agreementId(), l.objectiveId(), str(l.periodStart()),
                    str(l.periodEnd()), "", l.attainment(), "", "", "", l.tierBelowPercent(), l.creditPercent(),
                    l.amount(), l.currency(), l.state()));
        }
        for (StatementView.Total t : s.totals()) {
            row(out, List.of("TOTAL", "", "", "", "", "", "", "", "", "", "", "", "", t.amount(), t.currency(), ""));
        }
        return out.toString();
    }

    private static StatementView.Line line(CreditEntity c) {
        return new StatementView.Line(c.creditId.toString(), c.agreementId, c.objectiveId, c.periodStart,
                c.periodEnd, plain(c.attainment), plain(c.tierBelowPercent), plain(c.creditPercent),
                scaled(c).toPlainString(), c.currency.trim(), c.state.name());
    }

    private static StatementView.ObjectiveLine objective(ObjectiveLineEntity l) {
        return new StatementView.ObjectiveLine(l.agreementId, l.objectiveId, l.periodStart, l.periodEnd, l.status,
                plain(l.attainment), plain(l.target), minutes(l.excludedSeconds), l.breaches,
                plain(l.tierBelowPercent), plain(l.creditPercent));
    }

    /** Seconds as minutes, exact to 2 decimals (HALF_EVEN), without trailing zeros: 5400 s -> "90", 90 s -> "1.5". */
    static String minutes(Long seconds) {
        if (seconds == null) {
            return null;
        }
        BigDecimal m = BigDecimal.valueOf(seconds).divide(SIXTY, 2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return (m.scale() < 0 ? m.setScale(0) : m).toPlainString();
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static BigDecimal scaled(CreditEntity c) {
        return c.amount.setScale(CreditCalculator.currencyScale(c.currency.trim()));
    }

    private static String str(Instant i) {
        return i == null ? "" : i.toString();
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append(CRLF);
    }

    /** RFC 4180: a field with a comma, a double quote, CR or LF is enclosed in quotes, its quotes doubled. */
    static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
