package dev.surety.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceNoticeTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private static MaintenanceWindow window(String id, Instant start, String rrule) {
        return new MaintenanceWindow(id, "t", start, Duration.ofHours(2), rrule, null, null, false);
    }

    @Test
    void exactlyTheMinimumNoticeIsInTime() {
        assertTrue(MaintenanceNotice.excludable(NOW, WEEK, NOW.plus(WEEK)));
        assertFalse(MaintenanceNotice.excludable(NOW, WEEK, NOW.plus(WEEK).minusMillis(1)));
        // No notice period: anything announced before it starts counts, even a window announced as it starts.
        assertTrue(MaintenanceNotice.excludable(NOW, null, NOW));
        assertFalse(MaintenanceNotice.excludable(NOW, null, NOW.minusSeconds(1)));
    }

    @Test
    void newWindowsAreAnnouncedNowAndTakeTheAgreementsZone() {
        Exclusions in = new Exclusions(List.of(window("a", NOW.plus(Duration.ofDays(8)), "FREQ=WEEKLY"),
                window("b", NOW.plus(Duration.ofDays(1)), null)), WEEK, List.of("customer"));
        Exclusions out = MaintenanceNotice.announce(in, null, NOW, "Europe/Berlin");
        assertEquals(NOW, out.maintenanceWindows().get(0).announcedAt());
        assertTrue(out.maintenanceWindows().get(0).excludable());
        // A recurring window is judged by its first start; a late one is kept, not excludable.
        assertFalse(out.maintenanceWindows().get(1).excludable());
        assertEquals("Europe/Berlin", out.maintenanceWindows().get(1).timeZone());
        assertEquals(List.of("customer"), out.excludedCauses());
        assertEquals(WEEK, out.minimumNotice());
    }

    @Test
    void unchangedWindowsKeepTheirAnnouncementChangedOnesAreAnnouncedAgain() {
        Instant start = NOW.plus(Duration.ofDays(10));
        Exclusions v1 = MaintenanceNotice.announce(new Exclusions(List.of(window("a", start, null),
                window("b", start, null)), WEEK, null), null, NOW, "UTC");
        Instant later = NOW.plus(Duration.ofDays(5));
        MaintenanceWindow renamed = new MaintenanceWindow("a", "new title", start, Duration.ofHours(2), null, null,
                null, false);
        MaintenanceWindow longer = new MaintenanceWindow("b", "t", start, Duration.ofHours(3), null, null, null, false);
        Exclusions v2 = MaintenanceNotice.announce(new Exclusions(List.of(renamed, longer), WEEK, null), v1, later,
                "UTC");
        assertEquals(NOW, v2.maintenanceWindows().get(0).announcedAt());
        assertTrue(v2.maintenanceWindows().get(0).excludable());
        assertEquals(later, v2.maintenanceWindows().get(1).announcedAt());
        assertFalse(v2.maintenanceWindows().get(1).excludable());
    }
}
