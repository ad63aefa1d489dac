package dev.surety.credit.rest;

import dev.surety.credit.repository.CreditEntity;
import dev.surety.credit.service.CreditCalculator;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Ledger rows to a statement, as JSON view or RFC 4180 CSV. */
@ApplicationScoped
public class StatementMapper {

    /** CSV columns, in order; a totals line fills only {@code record}, {@code amount} and {@code currency}. */
    static final List<String> CSV_HEADER = List.of("record", "creditId", "agreementId", "objectiveId", "periodStart",
            "periodEnd", "attainment", "tierBelowPercent", "creditPercent", "amount", "currency", "state");
    private static final String CRLF = "\r\n";

    public StatementView toView(String customer, Instant from, Instant to, List<CreditEntity> credits) {
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
        return new StatementView(customer, from, to, lines, totals);
    }

    /** Header row, one {@code CREDIT} row per line, one {@code TOTAL} row per currency; CRLF line ends. */
    public String toCsv(StatementView s) {
        StringBuilder out = new StringBuilder();
        row(out, CSV_HEADER);
        for (StatementView.Line l : s.lines()) {
            row(out, List.of("CREDIT", l.creditId(), l.agreementId(), l.objectiveId(), str(l.periodStart()),
                    str(l.periodEnd()), l.attainment(), l.tierBelowPercent(), l.creditPercent(), l.amount(),
                    l.currency(), l.state()));
        }
        for (StatementView.Total t : s.totals()) {
            row(out, List.of("TOTAL", "", "", "", "", "", "", "", "", t.amount(), t.currency(), ""));
        }
        return out.toString();
    }

    private static StatementView.Line line(CreditEntity c) {
        return new StatementView.Line(c.creditId.toString(), c.agreementId, c.objectiveId, c.periodStart,
                c.periodEnd, c.attainment.toPlainString(), c.tierBelowPercent.toPlainString(),
                c.creditPercent.toPlainString(), scaled(c).toPlainString(), c.currency.trim(), c.state.name());
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
