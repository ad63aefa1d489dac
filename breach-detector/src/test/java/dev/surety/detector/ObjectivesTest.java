package dev.surety.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.AgreementStatus;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.SliKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectivesTest {

    private static final Instant FROM = Instant.parse("2026-01-10T12:00:00Z");

    private static ObjectiveSpec spec(String period) {
        return new ObjectiveSpec("o", "o", SliKind.RATIO, new MetricSelector(null, "s", "m", Map.of()),
                new BigDecimal("99.9"), period, Duration.ofMinutes(5), new BigDecimal("99"), null);
    }

    private static AgreementSnapshot agreement(String zone, Instant to) {
        return new AgreementSnapshot("a", 1, "t", "n", "p", "s", AgreementStatus.ACTIVE, FROM, to, zone,
                List.of(), null, FROM);
    }

    private static Period period(String zone, String period, String at) {
        return Objectives.periodOf(agreement(zone, null), spec(period), Instant.parse(at).toEpochMilli());
    }

    @Test
    void durationPeriodsAreAlignedToTheEffectiveStart() {
        Period p = period("UTC", "P1D", "2026-01-12T11:59:59.999Z");
        assertEquals(Instant.parse("2026-01-11T12:00:00Z"), p.startInstant());
        assertEquals(Instant.parse("2026-01-12T12:00:00Z"), p.endInstant());
        Period first = period("UTC", "PT10S", "2026-01-10T12:00:00Z");
        assertEquals(FROM, first.startInstant());
        assertEquals(FROM.plusSeconds(10), first.endInstant());
    }

    @Test
    void calendarMonthsFollowTheTimeZoneAcrossDaylightSaving() {
        Period march = period("Europe/Berlin", "CALENDAR_MONTH", "2026-03-15T00:00:00Z");
        assertEquals(Instant.parse("2026-02-28T23:00:00Z"), march.startInstant());
        assertEquals(Instant.parse("2026-03-31T22:00:00Z"), march.endInstant());
        Period utc = period(null, "CALENDAR_MONTH", "2026-02-28T23:59:59Z");
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), utc.startInstant());
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), utc.endInstant());
    }

    @Test
    void objectivesThatCannotBeJudgedAreNamed() {
        assertNull(Objectives.problem(agreement("UTC", null), spec("PT1H")));
        assertNull(Objectives.problem(agreement("UTC", null), spec("CALENDAR_MONTH")));
        assertNotNull(Objectives.problem(agreement("UTC", null), spec("monthly")));
        assertNotNull(Objectives.problem(agreement("UTC", null), spec("-PT1H")));
        assertNotNull(Objectives.problem(agreement("Mars/Olympus", null), spec("CALENDAR_MONTH")));
    }

    @Test
    void effectiveDatesAreHalfOpen() {
        AgreementSnapshot a = agreement("UTC", FROM.plusSeconds(60));
        assertFalse(Objectives.inEffect(a, FROM.toEpochMilli() - 1));
        assertTrue(Objectives.inEffect(a, FROM.toEpochMilli()));
        assertFalse(Objectives.inEffect(a, FROM.plusSeconds(60).toEpochMilli()));
    }

    @Test
    void percentagesAreExact() {
        assertTrue(Percent.meets(999, 1000, new BigDecimal("99.9")));
        assertFalse(Percent.meets(998_999_999L, 1_000_000_000L, new BigDecimal("99.9")));
        assertEquals(new BigDecimal("99.899999"), Percent.of(998_999_999L, 1_000_000_000L));
        assertFalse(Percent.below(0, 0, new BigDecimal("99")));
        assertTrue(Percent.below(98_999_999L, 100_000_000L, new BigDecimal("99")));
    }
}
