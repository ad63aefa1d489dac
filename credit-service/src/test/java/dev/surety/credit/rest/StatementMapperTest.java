package dev.surety.credit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.surety.credit.CreditState;
import dev.surety.credit.repository.CreditEntity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Statement CSV: RFC 4180 quoting, totals exact at the currency scale. */
class StatementMapperTest {

    private final StatementMapper mapper = new StatementMapper();

    @Test
    void quotesOnlyWhatRfc4180Requires() {
        assertEquals("plain", StatementMapper.quote("plain"));
        assertEquals("", StatementMapper.quote(""));
        assertEquals("\"a,b\"", StatementMapper.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", StatementMapper.quote("say \"hi\""));
        assertEquals("\"two\r\nlines\"", StatementMapper.quote("two\r\nlines"));
        assertEquals("\"a\nb\"", StatementMapper.quote("a\nb"));
        assertEquals("\"a\rb\"", StatementMapper.quote("a\rb"));
    }

    @Test
    void totalsAreExactSumsPerCurrencyAtTheCurrencyScale() {
        Instant oct = Instant.parse("2026-10-01T00:00:00Z");
        List<CreditEntity> credits = List.of(credit("0.01", "EUR"), credit("0.02", "EUR"), credit("250", "JPY"),
                credit("1.5", "EUR"));
        StatementView v = mapper.toView("acme", oct, oct.plusSeconds(1), credits);
        assertEquals(List.of(new StatementView.Total("EUR", "1.53", 3), new StatementView.Total("JPY", "250", 1)),
                v.totals());
        assertEquals("1.50", v.lines().get(3).amount());
        String csv = mapper.toCsv(v);
        assertEquals("TOTAL,,,,,,,,,,,,,1.53,EUR,\r\nTOTAL,,,,,,,,,,,,,250,JPY,\r\n",
                csv.substring(csv.indexOf("TOTAL")));
    }

    @Test
    void excludedTimeIsShownInMinutes() {
        assertEquals("90", StatementMapper.minutes(5400L));
        assertEquals("1.5", StatementMapper.minutes(90L));
        assertEquals("0.33", StatementMapper.minutes(20L));
        assertEquals("0", StatementMapper.minutes(0L));
        assertEquals(null, StatementMapper.minutes(null));
    }

    private static CreditEntity credit(String amount, String currency) {
        CreditEntity c = new CreditEntity();
        c.creditId = UUID.randomUUID();
        c.agreementId = "agr";
        c.objectiveId = "availability";
        c.periodStart = Instant.parse("2026-10-01T00:00:00Z");
        c.periodEnd = Instant.parse("2026-11-01T00:00:00Z");
        c.attainment = new BigDecimal("98.500000");
        c.tierBelowPercent = new BigDecimal("99.0");
        c.creditPercent = new BigDecimal("25");
        c.amount = new BigDecimal(amount);
        c.currency = currency;
        c.state = CreditState.ISSUED;
        return c;
    }
}
