package dev.surety.credit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.surety.credit.ComplianceOutcome;
import dev.surety.credit.reference.ReferenceAgreements;
import dev.surety.events.Compensation;
import dev.surety.events.CreditAggregation;
import dev.surety.events.CreditTier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The agreement-level credit of a period: several objectives combined (HIGHEST, SUM), the cap,
 * the minimum credit at and around its edge, and proration, each rounded once.
 */
class AggregationTest {

    private static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant DEC = Instant.parse("2026-12-01T00:00:00Z");

    private static Compensation eur(String cap, String minimum, CreditAggregation aggregation) {
        return new Compensation(new BigDecimal("1000.00"), "EUR", List.of(
                new CreditTier(new BigDecimal("99.9"), new BigDecimal("10")),
                new CreditTier(new BigDecimal("99.0"), new BigDecimal("25")),
                new CreditTier(new BigDecimal("95.0"), new BigDecimal("100"))),
                cap == null ? null : new BigDecimal(cap), false, minimum == null ? null : new BigDecimal(minimum),
                null, aggregation);
    }

    /** Objectives named o0, o1, ... with the given good counts out of 1000. */
    private static PeriodCredit credit(Compensation c, CreditCalculator.Coverage coverage, long... goods) {
        List<PeriodCredit.ObjectiveResult> results = new ArrayList<>();
        for (int i = 0; i < goods.length; i++) {
            results.add(new PeriodCredit.ObjectiveResult("o" + i, CreditCalculator.attainment(goods[i], 1000),
                    CreditCalculator.decide(goods[i], 1000, c, coverage)));
        }
        return CreditCalculator.aggregate(c, coverage, results);
    }

    private static PeriodCredit credit(Compensation c, long... goods) {
        return credit(c, CreditCalculator.Coverage.FULL, goods);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} % = {3}")
    @CsvSource({
            // one objective: both rules agree
            "HIGHEST, 985,           25,  250.00, o0",
            "SUM,     985,           25,  250.00, o0",
            // 25 % and 10 %: the highest, or the sum
            "HIGHEST, 985 998,       25,  250.00, o0",
            "SUM,     985 998,       35,  350.00, o0",
            // the highest is found wherever it is listed; ties go to the first
            "HIGHEST, 998 900 985,   100, 1000.00, o1",
            "HIGHEST, 985 985,       25,  250.00, o0",
            // the sum is capped at 100 % when the schedule names no cap
            "SUM,     900 985 998,   100, 1000.00, o0",
            // objectives that earn nothing do not count
            "SUM,     999 1000 985,  25,  250.00, o2",
    })
    void objectivesCombine(CreditAggregation rule, String goods, String percent, String amount, String objective) {
        long[] g = java.util.Arrays.stream(goods.trim().split(" +")).mapToLong(Long::parseLong).toArray();
        PeriodCredit p = credit(eur(null, null, rule), g);
        assertEquals(PeriodCredit.Kind.PAYABLE, p.kind());
        assertEquals(0, new BigDecimal(percent).compareTo(p.creditPercent()), p.toString());
        assertEquals(amount, p.amount().toPlainString());
        assertEquals(objective, p.objectiveId());
    }

    @Test
    void theDefaultRuleIsHighest() {
        assertEquals("250.00", credit(eur(null, null, null), 985, 998).amount().toPlainString());
    }

    @Test
    void theSumIsCappedByTheAgreementsCap() {
        assertEquals("300.00", credit(eur("30", null, CreditAggregation.SUM), 985, 998).amount().toPlainString());
        assertEquals("350.00", credit(eur("35", null, CreditAggregation.SUM), 985, 998).amount().toPlainString());
        // HIGHEST: each objective's percent is capped on its own
        assertEquals("300.00", credit(eur("30", null, CreditAggregation.HIGHEST), 900, 998).amount().toPlainString());
    }

    @ParameterizedTest(name = "minimum {0}: {1}")
    @CsvSource({
            "250.01, BELOW_MINIMUM",
            "250.00, PAYABLE",
            "250,    PAYABLE",
            "249.99, PAYABLE",
            "0,      PAYABLE",
    })
    void theMinimumCreditDropsSmallerAmounts(String minimum, PeriodCredit.Kind kind) {
        PeriodCredit p = credit(eur(null, minimum, null), 985);
        assertEquals(kind, p.kind());
        assertEquals("250.00", p.computedAmount().toPlainString());
        if (kind == PeriodCredit.Kind.BELOW_MINIMUM) {
            assertEquals("0.00", p.amount().toPlainString());
            assertEquals(ComplianceOutcome.BELOW_MINIMUM, p.outcome());
            assertEquals("credit 250.00 EUR is below the minimum credit of 250.01 EUR", p.reason());
        } else {
            assertEquals("250.00", p.amount().toPlainString());
            assertNull(p.reason());
        }
    }

    @Test
    void theMinimumAppliesToTheCombinedAmount() {
        // 10 % + 10 % = 200.00 under SUM clears a 150.00 minimum; 100.00 under HIGHEST does not
        assertEquals(PeriodCredit.Kind.PAYABLE, credit(eur(null, "150.00", CreditAggregation.SUM), 998, 995).kind());
        assertEquals(PeriodCredit.Kind.BELOW_MINIMUM,
                credit(eur(null, "150.00", CreditAggregation.HIGHEST), 998, 995).kind());
    }

    @Test
    void prorationAppliesOnceToTheCombinedPercent() {
        // in force from 16 November: 15 of 30 days; 35 % of 1000.00 / 2 = 175.00
        CreditCalculator.Coverage half = CreditCalculator.coverage(NOV, DEC, Instant.parse("2026-11-16T00:00:00Z"),
                null);
        assertEquals("175.00", credit(eur(null, null, CreditAggregation.SUM), half, 985, 998).amount().toPlainString());
        // one third of the period: 25 % of 1000.00 / 3 = 83.333... -> 83.33 (rounded once)
        CreditCalculator.Coverage third = CreditCalculator.coverage(NOV, DEC, null,
                Instant.parse("2026-11-11T00:00:00Z"));
        assertEquals("83.33", credit(eur(null, null, null), third, 985).amount().toPlainString());
        // a prorated amount can fall below the minimum
        assertEquals(PeriodCredit.Kind.BELOW_MINIMUM, credit(eur(null, "100.00", null), third, 985).kind());
        CreditCalculator.Coverage none = CreditCalculator.coverage(NOV, DEC, DEC, null);
        assertEquals(ComplianceOutcome.NOT_IN_FORCE, credit(eur(null, null, null), none, 985).outcome());
    }

    @Test
    void nothingOwedWhenNoObjectiveFallsUnderATier() {
        PeriodCredit p = credit(eur(null, null, CreditAggregation.SUM), 999, 1000);
        assertEquals(PeriodCredit.Kind.NONE, p.kind());
        assertEquals(ComplianceOutcome.NO_TIER, p.outcome());
        assertEquals("99.900000", p.attainment().toPlainString());
        assertNull(p.amount());
    }

    @ParameterizedTest
    @EnumSource(ReferenceAgreements.class)
    void referenceAgreementsAtTheirMinimumAndCap(ReferenceAgreements ref) {
        // every reference table's first tier earns 10 % of 1000.00 USD = 100.00
        Compensation base = ref.compensation();
        long justBelowCommitment = ref.commitment().multiply(BigDecimal.valueOf(10_000)).longValueExact() - 1;
        Compensation withMinimum = new Compensation(base.monthlyFee(), base.currency(), base.tiers(), null, false,
                new BigDecimal("100.01"), null, null);
        Compensation withMinimumOnTheEdge = new Compensation(base.monthlyFee(), base.currency(), base.tiers(), null,
                false, new BigDecimal("100.00"), null, null);
        Compensation capped = new Compensation(base.monthlyFee(), base.currency(), base.tiers(), new BigDecimal("50"),
                false);
        assertEquals(PeriodCredit.Kind.BELOW_MINIMUM, one(withMinimum, justBelowCommitment).kind());
        assertEquals("100.00", one(withMinimumOnTheEdge, justBelowCommitment).amount().toPlainString());
        assertEquals("100.00", one(capped, justBelowCommitment).amount().toPlainString());
        // the deepest tier is 100 %, capped at 50 %
        assertEquals("500.00", one(capped, 0).amount().toPlainString());
    }

    /** One objective, counts out of 1,000,000. */
    private static PeriodCredit one(Compensation c, long good) {
        return CreditCalculator.aggregate(c, CreditCalculator.Coverage.FULL, List.of(new PeriodCredit.ObjectiveResult(
                "availability", CreditCalculator.attainment(good, 1_000_000),
                CreditCalculator.decide(good, 1_000_000, c))));
    }
}
