package dev.surety.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void readsEveryUtcInstantAsInstantParseDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // Any instant from year 0000 to 9999, printed as Instant prints it (0, 3, 6 or 9 fraction digits).
            long seconds = Math.floorMod(random.nextLong(), 253_402_300_800L) - 62_167_219_200L;
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String text = instant.toString();
            assertEquals(instant, Timestamps.utcInstant(text), text);
            // Fractions of any length from 1 to 9 digits, not only the 3, 6 or 9 that toString writes.
            String custom = text.substring(0, 19) + "." + String.format("%09d", nanos).substring(0, 1 + i % 9) + "Z";
            assertEquals(Instant.parse(custom), Timestamps.utcInstant(custom), custom);
        }
        for (String text : List.of("2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "2026-01-01T00:00:00.1Z",
                "2026-01-01T00:00:00.000Z", "2026-12-31T23:59:59.123456789Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "2026-06-30T12:00:00.12345Z")) {
            assertEquals(Instant.parse(text), Timestamps.utcInstant(text), text);
        }
    }

    @Test
    void leavesEveryOtherShapeToInstantParse() {
        // Instant.parse accepts some of these (24:00 is not among them, leap seconds and offsets are) and rejects
        // the rest; the fast reading refuses them all, so the caller's full reading decides.
        for (String text : List.of("2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                "2026-12-31T23:59:60Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z",
                "2026-01-01T24:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z",
                "2026-01-01T00:00Z", "+2026-01-01T00:00:00Z", "2026-01-01t00:00:00Z", "2026-01-01T00:00:00z",
                "2026-01-01T00:00:00,5Z", "2026-1-01T00:00:00Z", "20260-01-01T00:00:00Z", "2026-01-01T00:00:0xZ",
                "2026-01-01T00:00:00+01:00", "2026-01-01T00:00:00.5+00:00", "", "Z", "1767225600")) {
            assertNull(Timestamps.utcInstant(text), text);
        }
    }

    @Test
    void readsEveryDayOfCommonAndLeapYearsAndCenturies() {
        // Every day of a leap year, a common year and two century years, a second earlier each day.
        for (int year : new int[] {2024, 2026, 2100, 2400}) {
            for (Instant t = Instant.parse(year + "-01-01T00:00:00Z"); t.isBefore(Instant.parse((year + 1)
                    + "-01-01T00:00:00Z")); t = t.plusSeconds(86_399)) {
                assertEquals(t, Timestamps.utcInstant(t.toString()), t.toString());
            }
        }
    }
}
