package dev.surety.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RecurrenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static List<String> starts(String rule, String firstLocal, String notAfter) {
        ZonedDateTime first = ZonedDateTime.of(java.time.LocalDateTime.parse(firstLocal), BERLIN);
        return Recurrence.parse(rule).starts(first, Instant.parse(notAfter)).stream()
                .map(z -> z.toLocalDateTime().toString()).toList();
    }

    @Test
    void weeklySundayKeepsLocalTimeAcrossDaylightSavingChange() {
        // 2026-10-25 is the end of summer time in Berlin: 04:00 local is 03:00Z from then on, 02:00Z before.
        ZonedDateTime first = ZonedDateTime.of(2026, 10, 18, 4, 0, 0, 0, BERLIN);
        List<ZonedDateTime> s = Recurrence.parse("FREQ=WEEKLY;BYDAY=SU").starts(first, Instant.parse("2026-11-02T00:00:00Z"));
        assertEquals(List.of(Instant.parse("2026-10-18T02:00:00Z"), Instant.parse("2026-10-25T03:00:00Z"),
                Instant.parse("2026-11-01T03:00:00Z")), s.stream().map(ZonedDateTime::toInstant).toList());
    }

    @Test
    void monthlyLastFridayAndSecondTuesday() {
        assertEquals(List.of("2026-01-30T22:00", "2026-02-27T22:00", "2026-03-27T22:00"),
                starts("FREQ=MONTHLY;BYDAY=-1FR", "2026-01-01T22:00", "2026-04-01T00:00:00Z"));
        assertEquals(List.of("2026-01-13T03:00", "2026-02-10T03:00"),
                starts("RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=2", "2026-01-01T03:00", "2027-01-01T00:00:00Z"));
    }

    @Test
    void monthlyOnTheThirtyFirstSkipsShortMonthsAndNegativeDayCountsFromTheEnd() {
        assertEquals(List.of("2026-01-31T01:00", "2026-03-31T01:00"),
                starts("FREQ=MONTHLY", "2026-01-31T01:00", "2026-04-15T00:00:00Z"));
        assertEquals(List.of("2026-01-31T01:00", "2026-02-28T01:00", "2026-03-31T01:00"),
                starts("FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-05T01:00", "2026-04-15T00:00:00Z"));
    }

    @Test
    void dailyWithIntervalAndUntilIsInclusive() {
        assertEquals(List.of("2026-03-01T04:00", "2026-03-03T04:00", "2026-03-05T04:00"),
                starts("FREQ=DAILY;INTERVAL=2;UNTIL=20260305", "2026-03-01T04:00", "2026-12-01T00:00:00Z"));
        assertEquals(List.of("2026-03-02T04:00", "2026-03-03T04:00"),
                starts("FREQ=DAILY;BYDAY=MO,TU", "2026-03-01T04:00", "2026-03-05T00:00:00Z"));
    }

    @Test
    void weeklyOnSeveralDaysAndYearlyInBymonth() {
        assertEquals(List.of("2026-03-03T01:00", "2026-03-05T01:00", "2026-03-17T01:00"),
                starts("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "2026-03-03T01:00", "2026-03-18T00:00:00Z"));
        assertEquals(List.of("2026-12-24T00:00", "2027-12-24T00:00"),
                starts("FREQ=YEARLY", "2026-12-24T00:00", "2028-01-01T00:00:00Z"));
        assertEquals(List.of("2026-06-07T00:00", "2026-12-06T00:00"),
                starts("FREQ=YEARLY;BYMONTH=6,12;BYDAY=1SU", "2026-01-01T00:00", "2027-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "' '|empty recurrence rule",
        "BYDAY=MO|FREQ is required",
        "FREQ=HOURLY|FREQ=HOURLY is not supported",
        "FREQ=DAILY;BYHOUR=3|BYHOUR is not supported",
        "FREQ=DAILY;FOO=1|unknown rule part FOO",
        "FREQ=WEEKLY;BYDAY=XX|is not a weekday",
        "FREQ=WEEKLY;BYDAY=1MO|need FREQ=MONTHLY",
        "FREQ=MONTHLY;BYMONTHDAY=32|BYMONTHDAY value 32",
        "FREQ=DAILY;INTERVAL=0|INTERVAL must be a positive integer",
        "FREQ=DAILY;COUNT=2;UNTIL=20270101|COUNT and UNTIL",
        "FREQ=DAILY;UNTIL=2027|UNTIL=2027",
        "FREQ=YEARLY;BYMONTH=13|BYMONTH value 13",
        "FREQ=DAILY;FREQ=WEEKLY|FREQ appears twice",
        "FREQ|is not NAME=VALUE",
    })
    void invalidRulesAreRefusedNamingThePart(String rule, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recurrence.parse(rule));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aRuleThatNeverMatchesProducesNothing() {
        ZonedDateTime first = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, BERLIN);
        assertFalse(Recurrence.parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30").producesAny(first));
        assertTrue(Recurrence.parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29").producesAny(first));
    }

    @Test
    void exclusionsMergeOverlappingExcludableWindowsAndIgnoreLateOnes() {
        Exclusions ex = new Exclusions(List.of(
                new MaintenanceWindow("w1", "patching", Instant.parse("2026-03-01T01:00:00Z"), Duration.ofHours(2),
                        "FREQ=WEEKLY", "UTC", Instant.parse("2026-02-01T00:00:00Z"), true),
                new MaintenanceWindow("w2", "db upgrade", Instant.parse("2026-03-08T02:00:00Z"), Duration.ofHours(2),
                        null, null, Instant.parse("2026-02-01T00:00:00Z"), true),
                new MaintenanceWindow("w3", "late notice", Instant.parse("2026-03-10T00:00:00Z"), Duration.ofHours(5),
                        null, null, Instant.parse("2026-03-09T23:00:00Z"), false)),
                Duration.ofDays(5), List.of("customer"));
        List<TimeRange> r = ex.excludedTime(Instant.parse("2026-03-01T02:00:00Z"), Instant.parse("2026-03-11T00:00:00Z"), BERLIN);
        assertEquals(List.of(new TimeRange(Instant.parse("2026-03-01T02:00:00Z"), Instant.parse("2026-03-01T03:00:00Z")),
                new TimeRange(Instant.parse("2026-03-08T01:00:00Z"), Instant.parse("2026-03-08T04:00:00Z"))), r);
        assertEquals(Duration.ofHours(4), ex.excludedDuration(Instant.parse("2026-03-01T02:00:00Z"),
                Instant.parse("2026-03-11T00:00:00Z"), BERLIN));
        assertTrue(ex.isExcluded(Instant.parse("2026-03-08T03:59:59Z"), BERLIN));
        assertFalse(ex.isExcluded(Instant.parse("2026-03-10T01:00:00Z"), BERLIN));
        assertTrue(ex.isExcludedCause("customer"));
        assertFalse(ex.isExcludedCause(null));
    }
}
