package dev.surety.detector.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.5);

    @Test
    void doublesAfterEachFailureUpToTheMaximum() {
        assertEquals(Duration.ofMillis(500), backoff.delay(1, 0));
        assertEquals(Duration.ofSeconds(1), backoff.delay(2, 0));
        assertEquals(Duration.ofSeconds(2), backoff.delay(3, 0));
        assertEquals(Duration.ofSeconds(16), backoff.delay(6, 0));
        assertEquals(Duration.ofSeconds(30), backoff.delay(7, 0));
        assertEquals(Duration.ofSeconds(30), backoff.delay(1000, 0));
    }

    @Test
    void jitterTakesOffAtMostItsShare() {
        assertEquals(Duration.ofMillis(1500), backoff.delay(3, 0.5));
        assertEquals(Duration.ofMillis(1001), backoff.delay(3, 0.9995));
        assertEquals(Duration.ofSeconds(2), new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0).delay(3, 0.9));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5));
    }
}
