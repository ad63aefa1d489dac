package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.KEY;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.data;
import static dev.surety.detector.streams.DetectorDriver.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.surety.detector.ObjectiveEngine;
import dev.surety.events.AgreementStatus;
import dev.surety.events.BreachKind;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.BurnRateRule;
import dev.surety.events.EventType;
import dev.surety.events.Exclusions;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-window burn-rate rules on a 99.9 % objective (error budget 0.1 %), with the SRE workbook's
 * numbers: page-fast fires at a burn rate of 14.4 (error ratio 1.44 %) over both 1 h and 5 min.
 */
class BurnRateTopologyTest {

    private static final BurnRateRule PAGE_FAST = BurnRateRule.SRE_WORKBOOK.get(0);

    @TempDir
    Path stateDir;

    DetectorDriver d;

    @BeforeEach
    void start() {
        d = new DetectorDriver(stateDir, T0);
    }

    @AfterEach
    void stop() {
        d.close();
    }

    private static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private void publish(List<BurnRateRule> rules, Duration hold) {
        // The threshold rule (1 %) never fires here: only burn rates are under test.
        d.publish(agreement(1, AgreementStatus.ACTIVE, T0, "UTC", Exclusions.NONE,
                spec(SliKind.RATIO, null, null, null, null, "99.9", "P30D", m(5), "1", hold, rules, null, null)));
    }

    @Test
    void pageFastOpensOnTheEventThatMakesBothWindowsBurnAndResolvesAfterTheHoldTime() {
        publish(List.of(PAGE_FAST), m(2));
        d.measure(m(0), 100_000, 100_000);
        d.measure(m(50), 900, 1_000);     // 5 min: 10 % errors (burn 100); 1 h: 100/101,000 (burn 0.99)
        assertEquals(List.of(), d.breaches());

        d.measure(m(51), 0, 2_000);       // 5 min: 2,100/3,000; 1 h: 2,100/103,000 = 2.04 % (burn 20.39)
        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(1, out.size());
        BreachOpened opened = data(out.get(0), BreachOpened.class);
        assertEquals(BreachKind.BURN_RATE, opened.kind());
        assertEquals("page-fast", opened.rule());
        assertEquals("page", opened.severity());
        assertEquals(T0.plus(m(51)), opened.openedAt());
        assertEquals(new BigDecimal("14.4"), opened.threshold());
        assertEquals(Duration.ofHours(1), opened.window());
        assertEquals(new BigDecimal("20.388349"), opened.burnRate());
        assertEquals(new BigDecimal("97.961165"), opened.sli());
        assertEquals(ObjectiveEngine.uuid(KEY + "|page-fast|" + T0.plus(m(51))), opened.breachId());

        d.measure(m(52), 1_000, 1_000);   // still burning over 5 min
        d.measure(m(57), 1_000, 1_000);   // 5 min window [52, 57]: clean -> false since 57
        d.measure(m(58), 1_000, 1_000);   // false for 1 min < hold 2 min
        assertEquals(List.of(), d.breaches());
        d.measure(m(59), 1_000, 1_000);   // false for 2 min: resolves
        out = d.breaches();
        assertEquals(1, out.size());
        BreachResolved resolved = data(out.get(0), BreachResolved.class);
        assertEquals(opened.breachId(), resolved.breachId());
        assertEquals(T0.plus(m(59)), resolved.resolvedAt());
        assertEquals(BreachKind.BURN_RATE, resolved.kind());
        assertEquals("page-fast", resolved.rule());
        assertEquals(BreachResolved.RECOVERED, resolved.reason());
    }

    @Test
    void aFastBurnOverTheShortWindowAloneDoesNotPage() {
        publish(List.of(PAGE_FAST), Duration.ZERO);
        d.measure(m(0), 1_000_000, 1_000_000);
        d.measure(m(30), 10, 1_000);      // 5 min: 99 % errors; 1 h: 0.099 %
        d.measure(m(31), 10, 1_000);
        assertEquals(List.of(), d.breaches());
    }

    @Test
    void theSreThresholdOfFourteenPointFourIsInclusive() {
        publish(List.of(PAGE_FAST), Duration.ZERO);
        d.measure(m(0), 9_857, 10_000);   // 143 errors: 1.43 %, burn 14.3
        assertEquals(List.of(), d.breaches());
        d.measure(m(1), 9_855, 10_000);   // 288/20,000 = 1.44 % exactly on both windows: burn 14.4
        BreachOpened opened = data(d.breaches().get(0), BreachOpened.class);
        assertEquals(new BigDecimal("14.400000"), opened.burnRate());
        assertEquals(T0.plus(m(1)), opened.openedAt());
    }

    @Test
    void everySreWorkbookRuleIsItsOwnEpisode() {
        publish(BurnRateRule.SRE_WORKBOOK, Duration.ZERO);
        d.measure(m(0), 100_000, 100_000);
        d.measure(m(51), 100, 2_200);     // every pair burns: 2.05 % over the long windows, 95 % over the short
        List<BreachOpened> opened = d.breaches().stream().map(r -> data(r, BreachOpened.class)).toList();
        assertEquals(Set.of("page-fast", "page-slow", "ticket-fast", "ticket-slow"),
                opened.stream().map(BreachOpened::rule).collect(Collectors.toSet()));
        assertEquals(4, opened.stream().map(BreachOpened::breachId).distinct().count());
        assertEquals(Set.of("page", "ticket"), opened.stream().map(BreachOpened::severity).collect(Collectors.toSet()));
        assertEquals(Duration.ofDays(3), opened.stream().filter(o -> o.rule().equals("ticket-slow")).findFirst()
                .orElseThrow().window());

        // 10 minutes of clean traffic clear page-fast (5 min) but not page-slow (30 min) nor the tickets
        d.measure(m(57), 100_000, 100_000);
        List<TestRecord<String, byte[]>> out = d.breaches();
        assertEquals(List.of(EventType.BREACH_RESOLVED.ceType()), DetectorDriver.types(out));
        assertEquals("page-fast", data(out.get(0), BreachResolved.class).rule());
        assertNotEquals(null, d.state(KEY).rules().get("page-slow").breachId());
    }
}
