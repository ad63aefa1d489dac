package dev.surety.devstack;

import java.util.OptionalDouble;

/**
 * Which rates {@code DetectorBench sustained} tries, one step each, and when it stops. The first step is at the start
 * rate. While steps are flat (the detector's lag stayed within the bar), the rate goes up by {@code up} a step, until
 * a step is not flat or the next rate would be above {@code cap}. When the very first step is not flat, the rate goes
 * down by {@code down} a step instead, until a step is flat or the next rate would be below {@code floor}. It stops
 * after {@code maxSteps} steps in any case (a bound on the time it takes). The answer
 * is the rate actually sent in the last flat step ({@link #sustained}; empty when no step was flat), next to the
 * target of the step that was not flat above it ({@link #firstUnflat}; empty when the search stopped at the cap).
 * Pure: the caller runs the steps.
 */
final class RateSearch {

    /** Why the search ended. */
    enum Stop {
        /** Going up, a step was not flat. */
        UNFLAT,
        /** Going down, a step was flat. */
        FLAT,
        /** The next step would have been above the cap. */
        CAP,
        /** The next step would have been below the floor. */
        FLOOR,
        /** As many steps as allowed were run. */
        STEPS
    }

    private final double up;
    private final double down;
    private final double cap;
    private final double floor;
    private final int maxSteps;
    private double rate;
    private int steps;
    private boolean descending;
    private Stop stop;
    private OptionalDouble sustained = OptionalDouble.empty();
    private OptionalDouble sustainedTarget = OptionalDouble.empty();
    private OptionalDouble firstUnflat = OptionalDouble.empty();

    /**
     * @param start the first step's rate
     * @param up factor from a flat step's rate to the next step's (> 1)
     * @param down divisor from a step's rate to the next one's while searching down (> 1)
     * @param cap no step above this rate
     * @param floor no step below this rate
     * @param maxSteps no more steps than this
     */
    RateSearch(double start, double up, double down, double cap, double floor, int maxSteps) {
        if (up <= 1 || down <= 1 || start <= 0 || maxSteps < 1) {
            throw new IllegalArgumentException("need start > 0, up > 1, down > 1 and maxSteps >= 1");
        }
        this.maxSteps = maxSteps;
        this.rate = start;
        this.up = up;
        this.down = down;
        this.cap = cap;
        this.floor = floor;
    }

    /** The target rate of the next step; meaningless once {@link #done}. */
    double rate() {
        return rate;
    }

    /**
     * Records the outcome of the step at {@link #rate()} and moves on to the next step's rate.
     *
     * @param flat whether every lag check of the step was within the bar
     * @param sent the rate actually sent during the step
     * @return whether there is a next step
     */
    boolean record(boolean flat, double sent) {
        if (stop != null) {
            throw new IllegalStateException("the search is over");
        }
        steps++;
        if (flat) {
            sustained = OptionalDouble.of(sent);
            sustainedTarget = OptionalDouble.of(rate);
            // Searching down, the first flat step is the answer; searching up, try higher.
            return descending ? end(Stop.FLAT) : next(rate * up);
        }
        firstUnflat = OptionalDouble.of(rate);
        if (steps == 1) {
            descending = true;
        }
        return descending ? next(rate / down) : end(Stop.UNFLAT);
    }

    private boolean next(double nextRate) {
        if (nextRate > cap) {
            return end(Stop.CAP);
        }
        if (nextRate < floor) {
            return end(Stop.FLOOR);
        }
        if (steps >= maxSteps) {
            return end(Stop.STEPS);
        }
        rate = nextRate;
        return true;
    }

    private boolean end(Stop why) {
        stop = why;
        return false;
    }

    boolean done() {
        return stop != null;
    }

    /** Why the search ended; null while it goes on. */
    Stop stop() {
        return stop;
    }

    int steps() {
        return steps;
    }

    /** Whether the first step was not flat, so the search went down. */
    boolean descending() {
        return descending;
    }

    /** The rate actually sent in the last flat step. */
    OptionalDouble sustained() {
        return sustained;
    }

    /** The target rate of the last flat step. */
    OptionalDouble sustainedTarget() {
        return sustainedTarget;
    }

    /** The target of the lowest step that was not flat: going up, the one that ended the search. */
    OptionalDouble firstUnflat() {
        return firstUnflat;
    }
}
