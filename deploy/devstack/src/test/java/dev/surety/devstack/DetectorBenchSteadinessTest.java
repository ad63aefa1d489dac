package dev.surety.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The latency figure is timed only after the detector's lag has stayed within the bar, not merely touched it. */
class DetectorBenchSteadinessTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theStretchCountsFromTheFirstCheckWithinTheBarAndOneCheckAboveStartsItAgain() {
        DetectorBench.Steadiness steadiness = new DetectorBench.Steadiness(700);
        assertEquals(0, steadiness.check(OptionalLong.of(59_700), 10 * S));
        assertEquals(0, steadiness.check(OptionalLong.of(700), 11 * S));
        assertEquals(20 * S, steadiness.check(OptionalLong.of(10), 31 * S));
        // Behind again once: the 20 s so far do not count any more.
        assertEquals(0, steadiness.check(OptionalLong.of(701), 32 * S));
        assertEquals(0, steadiness.steadyFor(40 * S));
        assertEquals(0, steadiness.check(OptionalLong.of(0), 33 * S));
        assertEquals(30 * S, steadiness.check(OptionalLong.of(0), 63 * S));
        assertEquals(31 * S, steadiness.steadyFor(64 * S));
    }

    @Test
    void aCheckThatCouldNotReadTheLagStartsTheStretchAgain() {
        DetectorBench.Steadiness steadiness = new DetectorBench.Steadiness(50);
        steadiness.check(OptionalLong.of(0), 0);
        assertEquals(5 * S, steadiness.check(OptionalLong.of(50), 5 * S));
        steadiness.check(OptionalLong.empty(), 6 * S);
        assertEquals(0, steadiness.steadyFor(6 * S));
        assertEquals(0, steadiness.check(OptionalLong.of(0), 7 * S));
        assertEquals(S, steadiness.check(OptionalLong.of(0), 8 * S));
    }
}
