package dev.surety.events;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An iCalendar (RFC 5545) recurrence rule, in the subset maintenance windows need: FREQ (DAILY,
 * WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYDAY (with ordinals for MONTHLY and YEARLY),
 * BYMONTHDAY, BYMONTH and WKST. The time of day always comes from the first occurrence (DTSTART),
 * so BYHOUR, BYMINUTE, BYSECOND, BYSETPOS, BYWEEKNO and BYYEARDAY are refused rather than
 * misread. Occurrences are computed in local time of the window's zone, so "every Sunday 02:00
 * Europe/Berlin" stays at 02:00 across daylight saving changes (a time that does not exist that
 * day moves forward by the gap, as java.time does).
 */
public final class Recurrence {

    public enum Frequency { DAILY, WEEKLY, MONTHLY, YEARLY }

    /** A BYDAY entry: a weekday, with an ordinal (1 = first, -1 = last) or 0 for every such weekday. */
    public record WeekdayNum(int ordinal, DayOfWeek day) {
    }

    private static final Set<String> REFUSED = Set.of("BYHOUR", "BYMINUTE", "BYSECOND", "BYSETPOS", "BYWEEKNO", "BYYEARDAY");
    private static final Map<String, DayOfWeek> DAYS = Map.of(
            "MO", DayOfWeek.MONDAY, "TU", DayOfWeek.TUESDAY, "WE", DayOfWeek.WEDNESDAY, "TH", DayOfWeek.THURSDAY,
            "FR", DayOfWeek.FRIDAY, "SA", DayOfWeek.SATURDAY, "SU", DayOfWeek.SUNDAY);
    /** Guard against rules whose filters never match: periods examined after the last occurrence. */
    private static final int MAX_EMPTY_PERIODS = 2000;

    private final String text;
    private final Frequency frequency;
    private final int interval;
    private final Integer count;
    private final Instant until;
    private final LocalDate untilDate;
    private final List<WeekdayNum> byDay;
    private final List<Integer> byMonthDay;
    private final Set<Integer> byMonth;
    private final DayOfWeek weekStart;

    private Recurrence(String text, Frequency frequency, int interval, Integer count, Instant until, LocalDate untilDate,
            List<WeekdayNum> byDay, List<Integer> byMonthDay, Set<Integer> byMonth, DayOfWeek weekStart) {
        this.text = text;
        this.frequency = frequency;
        this.interval = interval;
        this.count = count;
        this.until = until;
        this.untilDate = untilDate;
        this.byDay = byDay;
        this.byMonthDay = byMonthDay;
        this.byMonth = byMonth;
        this.weekStart = weekStart;
    }

    /**
     * Parses a rule such as {@code FREQ=WEEKLY;BYDAY=SU} (an optional {@code RRULE:} prefix is allowed).
     *
     * @throws IllegalArgumentException naming the part that is wrong or unsupported
     */
    public static Recurrence parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("empty recurrence rule");
        }
        String body = rule.strip();
        if (body.regionMatches(true, 0, "RRULE:", 0, 6)) {
            body = body.substring(6);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : body.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("'" + part + "' is not NAME=VALUE");
            }
            String name = part.substring(0, eq).toUpperCase(Locale.ROOT);
            if (parts.put(name, part.substring(eq + 1).toUpperCase(Locale.ROOT)) != null) {
                throw new IllegalArgumentException(name + " appears twice");
            }
        }
        for (String name : parts.keySet()) {
            if (REFUSED.contains(name)) {
                throw new IllegalArgumentException(name + " is not supported: the time of day comes from the window's start");
            }
            if (!Set.of("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST").contains(name)) {
                throw new IllegalArgumentException("unknown rule part " + name);
            }
        }
        String freq = parts.get("FREQ");
        if (freq == null) {
            throw new IllegalArgumentException("FREQ is required");
        }
        Frequency frequency;
        try {
            frequency = Frequency.valueOf(freq);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FREQ=" + freq + " is not supported (DAILY, WEEKLY, MONTHLY or YEARLY)");
        }
        int interval = positiveInt(parts, "INTERVAL", 1);
        Integer count = parts.containsKey("COUNT") ? positiveInt(parts, "COUNT", 1) : null;
        Instant until = null;
        LocalDate untilDate = null;
        if (parts.containsKey("UNTIL")) {
            if (count != null) {
                throw new IllegalArgumentException("COUNT and UNTIL must not both be given");
            }
            String u = parts.get("UNTIL");
            try {
                if (u.length() == 8) {
                    untilDate = LocalDate.parse(u, DateTimeFormatter.BASIC_ISO_DATE);
                } else if (u.endsWith("Z")) {
                    until = LocalDateTime.parse(u.substring(0, u.length() - 1), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                            .toInstant(ZoneOffset.UTC);
                } else {
                    throw new IllegalArgumentException("UNTIL=" + u + " must be a date (YYYYMMDD) or a UTC time (YYYYMMDDTHHMMSSZ)");
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("UNTIL=" + u + " is not a date (YYYYMMDD) or a UTC time (YYYYMMDDTHHMMSSZ)");
            }
        }
        List<WeekdayNum> byDay = new ArrayList<>();
        if (parts.containsKey("BYDAY")) {
            for (String d : parts.get("BYDAY").split(",")) {
                if (d.length() < 2 || !DAYS.containsKey(d.substring(d.length() - 2))) {
                    throw new IllegalArgumentException("BYDAY value '" + d + "' is not a weekday (MO..SU, optionally with an ordinal like 1SU or -1FR)");
                }
                int ordinal = 0;
                if (d.length() > 2) {
                    try {
                        ordinal = Integer.parseInt(d.substring(0, d.length() - 2).replace("+", ""));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("BYDAY value '" + d + "' has an invalid ordinal");
                    }
                    if (ordinal == 0 || Math.abs(ordinal) > 5) {
                        throw new IllegalArgumentException("BYDAY ordinal in '" + d + "' must be between -5 and 5 and not 0");
                    }
                    if (frequency != Frequency.MONTHLY && frequency != Frequency.YEARLY) {
                        throw new IllegalArgumentException("BYDAY ordinals such as '" + d + "' need FREQ=MONTHLY or FREQ=YEARLY");
                    }
                }
                byDay.add(new WeekdayNum(ordinal, DAYS.get(d.substring(d.length() - 2))));
            }
        }
        List<Integer> byMonthDay = new ArrayList<>();
        if (parts.containsKey("BYMONTHDAY")) {
            for (String d : parts.get("BYMONTHDAY").split(",")) {
                int v = integer("BYMONTHDAY", d);
                if (v == 0 || Math.abs(v) > 31) {
                    throw new IllegalArgumentException("BYMONTHDAY value " + d + " must be 1..31 or -31..-1");
                }
                byMonthDay.add(v);
            }
            if (frequency == Frequency.WEEKLY) {
                throw new IllegalArgumentException("BYMONTHDAY cannot be used with FREQ=WEEKLY");
            }
        }
        Set<Integer> byMonth = new TreeSet<>();
        if (parts.containsKey("BYMONTH")) {
            for (String m : parts.get("BYMONTH").split(",")) {
                int v = integer("BYMONTH", m);
                if (v < 1 || v > 12) {
                    throw new IllegalArgumentException("BYMONTH value " + m + " must be 1..12");
                }
                byMonth.add(v);
            }
        }
        if (frequency == Frequency.YEARLY && byMonth.isEmpty() && byDay.stream().anyMatch(w -> w.ordinal() != 0)) {
            throw new IllegalArgumentException("BYDAY ordinals with FREQ=YEARLY need BYMONTH (ordinals count within the month)");
        }
        DayOfWeek weekStart = DayOfWeek.MONDAY;
        if (parts.containsKey("WKST")) {
            weekStart = DAYS.get(parts.get("WKST"));
            if (weekStart == null) {
                throw new IllegalArgumentException("WKST=" + parts.get("WKST") + " is not a weekday (MO..SU)");
            }
        }
        return new Recurrence(rule.strip(), frequency, interval, count, until, untilDate, List.copyOf(byDay),
                List.copyOf(byMonthDay), Collections.unmodifiableSet(byMonth), weekStart);
    }

    private static int positiveInt(Map<String, String> parts, String name, int dflt) {
        if (!parts.containsKey(name)) {
            return dflt;
        }
        int v = integer(name, parts.get(name));
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be a positive integer");
        }
        return v;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.replace("+", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " value '" + value + "' is not an integer");
        }
    }

    public Frequency frequency() {
        return frequency;
    }

    public int interval() {
        return interval;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Start times of the occurrences, in order, beginning with {@code first} (the window's first
     * start, which counts as an occurrence only when it matches the rule), up to and including
     * {@code notAfter}. COUNT and UNTIL are honoured.
     */
    public List<ZonedDateTime> starts(ZonedDateTime first, Instant notAfter) {
        List<ZonedDateTime> out = new ArrayList<>();
        LocalTime time = first.toLocalTime();
        ZoneId zone = first.getZone();
        LocalDate firstDate = first.toLocalDate();
        int produced = 0;
        int empty = 0;
        for (long k = 0; ; k++) {
            List<LocalDate> dates = datesOfPeriod(firstDate, k * interval);
            if (dates.isEmpty()) {
                if (++empty > MAX_EMPTY_PERIODS) {
                    return out;
                }
                continue;
            }
            empty = 0;
            for (LocalDate d : dates) {
                if (d.isBefore(firstDate)) {
                    continue;
                }
                ZonedDateTime start = ZonedDateTime.of(d, time, zone);
                if (until != null && start.toInstant().isAfter(until)) {
                    return out;
                }
                if (untilDate != null && d.isAfter(untilDate)) {
                    return out;
                }
                if (start.toInstant().isAfter(notAfter)) {
                    return out;
                }
                out.add(start);
                produced++;
                if (count != null && produced >= count) {
                    return out;
                }
            }
        }
    }

    /** Whether the rule ever produces an occurrence from {@code first} on. */
    public boolean producesAny(ZonedDateTime first) {
        return !starts(first, first.plusYears(400).toInstant()).isEmpty();
    }

    /** The matching dates of the k-th period (k counted in the rule's unit from the first date), sorted. */
    private List<LocalDate> datesOfPeriod(LocalDate first, long k) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        switch (frequency) {
            case DAILY -> {
                LocalDate d = first.plusDays(k);
                if (monthOk(d) && monthDayOk(d) && weekdayOk(d)) {
                    dates.add(d);
                }
            }
            case WEEKLY -> {
                LocalDate weekFirst = first.with(TemporalAdjusters.previousOrSame(weekStart)).plusWeeks(k);
                for (int i = 0; i < 7; i++) {
                    LocalDate d = weekFirst.plusDays(i);
                    boolean dayOk = byDay.isEmpty() ? d.getDayOfWeek() == first.getDayOfWeek() : weekdayOk(d);
                    if (dayOk && monthOk(d)) {
                        dates.add(d);
                    }
                }
            }
            case MONTHLY -> {
                LocalDate month = first.withDayOfMonth(1).plusMonths(k);
                if (monthOk(month)) {
                    dates.addAll(daysInMonth(month, first));
                }
            }
            case YEARLY -> {
                LocalDate year = first.withDayOfYear(1).plusYears(k);
                for (int m = 1; m <= 12; m++) {
                    // Without BYMONTH, day filters apply to every month; with no filter at all, the
                    // rule repeats the first date's month and day.
                    boolean monthWanted;
                    if (!byMonth.isEmpty()) {
                        monthWanted = byMonth.contains(m);
                    } else {
                        monthWanted = !byMonthDay.isEmpty() || !byDay.isEmpty() || m == first.getMonthValue();
                    }
                    if (monthWanted) {
                        dates.addAll(daysInMonth(year.withMonth(m), first));
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        return new ArrayList<>(dates);
    }

    /** Days of one month selected by BYMONTHDAY and BYDAY (both: their intersection; neither: the first date's day). */
    private List<LocalDate> daysInMonth(LocalDate monthStart, LocalDate first) {
        int length = monthStart.lengthOfMonth();
        List<LocalDate> out = new ArrayList<>();
        if (byMonthDay.isEmpty() && byDay.isEmpty()) {
            if (first.getDayOfMonth() <= length) {
                out.add(monthStart.withDayOfMonth(first.getDayOfMonth()));
            }
            return out;
        }
        for (int day = 1; day <= length; day++) {
            LocalDate d = monthStart.withDayOfMonth(day);
            boolean md = byMonthDay.isEmpty() || monthDayOk(d);
            boolean wd = byDay.isEmpty() || byDay.stream().anyMatch(w -> weekdayInMonth(d, w));
            if (md && wd) {
                out.add(d);
            }
        }
        return out;
    }

    private static boolean weekdayInMonth(LocalDate d, WeekdayNum w) {
        if (d.getDayOfWeek() != w.day()) {
            return false;
        }
        if (w.ordinal() == 0) {
            return true;
        }
        if (w.ordinal() > 0) {
            return (d.getDayOfMonth() - 1) / 7 + 1 == w.ordinal();
        }
        return (d.lengthOfMonth() - d.getDayOfMonth()) / 7 + 1 == -w.ordinal();
    }

    private boolean monthOk(LocalDate d) {
        return byMonth.isEmpty() || byMonth.contains(d.getMonthValue());
    }

    private boolean monthDayOk(LocalDate d) {
        if (byMonthDay.isEmpty()) {
            return true;
        }
        int len = d.lengthOfMonth();
        for (int v : byMonthDay) {
            int day = v > 0 ? v : len + v + 1;
            if (day == d.getDayOfMonth()) {
                return true;
            }
        }
        return false;
    }

    private boolean weekdayOk(LocalDate d) {
        return byDay.isEmpty() || byDay.stream().anyMatch(w -> w.day() == d.getDayOfWeek());
    }
}
