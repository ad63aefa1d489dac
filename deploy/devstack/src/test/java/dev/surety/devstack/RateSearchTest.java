package dev.surety.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The sustained rate is the rate sent in the last flat step, and the search always ends with an answer or "none". */
class RateSearchTest {

    @Test
    void goesUpWhileFlatAndAnswersWithTheRateSentInTheLastFlatStep() {
        RateSearch search = new RateSearch(1000, 1.1, 1.25, 10_000, 100, 10);
        assertTrue(search.record(true, 998));
        assertEquals(1100, search.rate(), 1e-9);
        assertTrue(search.record(true, 1097));
        assertEquals(1210, search.rate(), 1e-9);
        assertFalse(search.record(false, 1150));
        assertTrue(search.done());
        assertEquals(RateSearch.Stop.UNFLAT, search.stop());
        assertEquals(OptionalDouble.of(1097), search.sustained());
        assertEquals(OptionalDouble.of(1100), search.sustainedTarget());
        assertEquals(1210, search.firstUnflat().getAsDouble(), 1e-9);
        assertEquals(3, search.steps());
        assertFalse(search.descending());
        assertThrows(IllegalStateException.class, () -> search.record(true, 1));
    }

    @Test
    void stopsBelowTheCapWithNoUnflatStep() {
        RateSearch search = new RateSearch(1000, 1.1, 1.25, 1150, 100, 10);
        assertTrue(search.record(true, 1000));
        // 1100 is the last step under the cap; 1210 would be above it.
        assertFalse(search.record(true, 1099));
        assertEquals(OptionalDouble.of(1099), search.sustained());
        assertEquals(OptionalDouble.empty(), search.firstUnflat());
        assertEquals(2, search.steps());
        assertEquals(RateSearch.Stop.CAP, search.stop());
    }

    @Test
    void aFirstStepThatIsNotFlatSearchesDownUntilOneIs() {
        RateSearch search = new RateSearch(1000, 1.1, 1.25, 10_000, 100, 10);
        assertTrue(search.record(false, 990));
        assertTrue(search.descending());
        assertEquals(800, search.rate(), 1e-9);
        assertTrue(search.record(false, 800));
        assertEquals(640, search.rate(), 1e-9);
        // Down, the first flat step is the answer: the search does not turn up again.
        assertFalse(search.record(true, 639));
        assertEquals(OptionalDouble.of(639), search.sustained());
        assertEquals(800, search.firstUnflat().getAsDouble(), 1e-9);
        assertEquals(3, search.steps());
        assertEquals(RateSearch.Stop.FLAT, search.stop());
    }

    @Test
    void searchingDownEndsAtTheFloorWithoutAnAnswer() {
        RateSearch search = new RateSearch(1000, 1.1, 1.25, 10_000, 700, 10);
        assertTrue(search.record(false, 1000));
        assertFalse(search.record(false, 800));
        assertEquals(RateSearch.Stop.FLOOR, search.stop());
        assertEquals(OptionalDouble.empty(), search.sustained());
        assertEquals(800, search.firstUnflat().getAsDouble(), 1e-9);
    }

    @Test
    void endsAfterTheLastStepAllowedWithTheLastFlatOne() {
        RateSearch search = new RateSearch(1000, 1.1, 1.25, 10_000, 100, 2);
        assertTrue(search.record(true, 1000));
        assertFalse(search.record(true, 1100));
        assertEquals(RateSearch.Stop.STEPS, search.stop());
        assertEquals(OptionalDouble.of(1100), search.sustained());
        assertEquals(OptionalDouble.empty(), search.firstUnflat());
    }

    @Test
    void aStepIsFlatOnlyWhenEveryCheckIsWithinTheBar() {
        assertEquals(50, LagSamples.allowedLag(100, 50));
        assertEquals(724, LagSamples.allowedLag(3624, 0), "a fifth of a second of traffic");
        assertEquals(1449, LagSamples.allowedLag(3624, 200), "and a commit interval's worth");
        LagSamples samples = new LagSamples(724);
        assertFalse(samples.flat(), "no checks: not known to be flat");
        assertTrue(samples.check(OptionalLong.of(0)));
        assertTrue(samples.check(OptionalLong.of(724)), "the bar itself is within it");
        assertTrue(samples.flat());
        assertFalse(samples.check(OptionalLong.of(725)));
        assertFalse(samples.flat());
        assertFalse(samples.check(OptionalLong.empty()), "a check that could not read the lag");
        assertEquals(4, samples.count());
        assertEquals(725, samples.max());
        assertEquals(0.5, samples.overShare(), 1e-9);
    }
}
