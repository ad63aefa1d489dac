package dev.surety.detector;

import java.util.List;
import java.util.NavigableMap;

/** Where the stored period history of one objective is read from (the stores of its partition). */
public interface HistorySource {

    /** Stored hours of the period starting at {@code periodStart}, by hour index. */
    NavigableMap<Long, HourCount> hours(long periodStart);

    /** Stored episodes of the objective, oldest first. */
    List<Episode> episodes();
}
