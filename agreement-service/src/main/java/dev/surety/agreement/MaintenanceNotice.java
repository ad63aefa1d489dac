package dev.surety.agreement;

import dev.surety.events.Exclusions;
import dev.surety.events.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When each maintenance window was announced, and so whether it may exclude time. A window is
 * <em>excludable</em> when {@code announcedAt + minimumNotice <= start}; for a recurring window
 * {@code start} is its first start (the notice is judged once, against the first occurrence; a
 * start the rule itself does not match makes the check only stricter). A late window is kept on
 * record, flagged not excludable, and never refused: the customer was told, just not in time.
 *
 * <p>Clients never set {@code announcedAt} or {@code excludable}. A window that did not change
 * since the previous version (same id, start, duration, rule and zone; the title may change)
 * keeps its {@code announcedAt}; any other window is announced now. Excludability is recomputed
 * for every version with the minimum notice of that version.
 */
public final class MaintenanceNotice {

    private MaintenanceNotice() {
    }

    /**
     * The exclusions of a new version, with {@code announcedAt} and {@code excludable} filled in.
     *
     * @param incoming the exclusions as written by the client (announcement fields ignored)
     * @param previous the exclusions of the version being replaced, or null for a new agreement
     * @param now      the time of the write
     * @param zone     the agreement's time zone, which a window without its own takes
     */
    public static Exclusions announce(Exclusions incoming, Exclusions previous, Instant now, String zone) {
        Duration notice = incoming.minimumNotice() == null ? Duration.ZERO : incoming.minimumNotice();
        List<MaintenanceWindow> out = new ArrayList<>(incoming.maintenanceWindows().size());
        for (MaintenanceWindow given : incoming.maintenanceWindows()) {
            // The zone is stored explicitly, so a later change of the agreement's zone does not move the window.
            MaintenanceWindow w = given.timeZone() != null ? given : new MaintenanceWindow(given.windowId(),
                    given.title(), given.start(), given.duration(), given.rrule(), zone, null, false);
            Instant announcedAt = previous == null ? now : previous.maintenanceWindows().stream()
                    .filter(p -> sameTiming(p, w) && p.announcedAt() != null)
                    .map(MaintenanceWindow::announcedAt)
                    .findFirst().orElse(now);
            out.add(new MaintenanceWindow(w.windowId(), w.title(), w.start(), w.duration(), w.rrule(), w.timeZone(),
                    announcedAt, excludable(announcedAt, notice, w.start())));
        }
        return new Exclusions(out, incoming.minimumNotice(), incoming.excludedCauses());
    }

    /** Whether a window starting at {@code start}, announced at {@code announcedAt}, had the notice it needs. */
    public static boolean excludable(Instant announcedAt, Duration minimumNotice, Instant start) {
        return !announcedAt.plus(minimumNotice == null ? Duration.ZERO : minimumNotice).isAfter(start);
    }

    /** Same window, same time: what the customer was told still holds. */
    static boolean sameTiming(MaintenanceWindow a, MaintenanceWindow b) {
        return Objects.equals(a.windowId(), b.windowId()) && Objects.equals(a.start(), b.start())
                && Objects.equals(a.duration(), b.duration()) && Objects.equals(blankToNull(a.rrule()), blankToNull(b.rrule()))
                && Objects.equals(a.timeZone(), b.timeZone());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
