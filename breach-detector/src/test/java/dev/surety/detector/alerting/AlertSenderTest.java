package dev.surety.detector.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries against a real local HTTP server that fails a scripted number of times. */
class AlertSenderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final RecordingServer server = RecordingServer.start();
    private final CountingMetrics metrics = new CountingMetrics();
    private final AlertSender sender = new AlertSender(HttpClient.newHttpClient(),
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 0.5), 5, Duration.ofSeconds(5), () -> 0.0, metrics);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void retriesTransientFailuresWithGrowingPausesUntilDelivered() {
        server.failNext(3, 503);
        AlertTarget target = AlertTarget.webhook(server.url("/hook"), "s");

        assertEquals(AlertSender.Outcome.DELIVERED, sender.deliver(target, post(target), "evt-1").await().atMost(PATIENCE));

        assertEquals(4, server.attempts());
        assertEquals(List.of("delivered webhook event"), metrics.delivered);
        assertEquals(3, metrics.retried.size());
        assertTrue(metrics.failed.isEmpty());
    }

    @Test
    void pausesDoubleUpToTheMaximum() {
        server.failNext(4, 500);
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        AlertTarget target = AlertTarget.webhook(server.url("/hook"), "s");
        Supplier<HttpRequest> timed = () -> {
            arrivals.add(System.nanoTime());
            return post(target).get();
        };
        assertEquals(AlertSender.Outcome.DELIVERED, sender.deliver(target, timed, "evt-1").await().atMost(PATIENCE));
        // No jitter (random 0): pauses of 50, 100, 200 and (capped) 200 ms between the attempts.
        long[] expected = {50, 100, 200, 200};
        assertEquals(5, arrivals.size());
        for (int i = 0; i < expected.length; i++) {
            long gapMs = (arrivals.get(i + 1) - arrivals.get(i)) / 1_000_000;
            assertTrue(gapMs >= expected[i], "pause " + (i + 1) + " was " + gapMs + " ms, expected at least " + expected[i]);
        }
    }

    @Test
    void givesUpAfterMaxAttemptsAndCountsIt() {
        server.failNext(100, 500);
        AlertTarget target = AlertTarget.alertmanager(server.url(""));

        assertEquals(AlertSender.Outcome.EXHAUSTED, sender.deliver(target, post(target), "evt-1").await().atMost(PATIENCE));

        assertEquals(5, server.attempts());
        assertEquals(List.of("failed alertmanager event exhausted"), metrics.failed);
    }

    @Test
    void tooManyRequestsIsRetriedButABadRequestIsNot() {
        server.failNext(1, 429);
        AlertTarget target = AlertTarget.webhook(server.url("/hook"), "s");
        assertEquals(AlertSender.Outcome.DELIVERED, sender.deliver(target, post(target), "evt-1").await().atMost(PATIENCE));
        assertEquals(2, server.attempts());

        server.failNext(1, 400);
        assertEquals(AlertSender.Outcome.REJECTED, sender.deliver(target, post(target), "evt-2").await().atMost(PATIENCE));
        assertEquals(3, server.attempts());
        assertEquals(List.of("failed webhook event rejected"), metrics.failed);
    }

    @Test
    void unreachableTargetIsRetriedThenGivenUp() {
        AlertTarget target = AlertTarget.webhook(server.url("/hook"), "s");
        server.close();
        assertEquals(AlertSender.Outcome.EXHAUSTED, sender.deliver(target, post(target), "evt-1").await().atMost(PATIENCE));
        assertEquals(4, metrics.retried.size());
    }

    @Test
    void resendsAreTriedOnce() {
        server.failNext(1, 503);
        AlertTarget target = AlertTarget.alertmanager(server.url(""));
        assertEquals(AlertSender.Outcome.EXHAUSTED, sender.sendOnce(target, post(target), "re-send").await().atMost(PATIENCE));
        assertEquals(1, server.attempts());
        assertEquals(List.of("failed alertmanager resend exhausted"), metrics.failed);
    }

    private static Supplier<HttpRequest> post(AlertTarget target) {
        return () -> HttpRequest.newBuilder(target.endpoint()).POST(HttpRequest.BodyPublishers.ofString("[]")).build();
    }

    /** Records metric calls as readable strings. */
    static final class CountingMetrics implements AlertMetrics {
        final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        final List<String> failed = Collections.synchronizedList(new ArrayList<>());
        final List<String> retried = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void delivered(AlertTarget.Type target, String trigger) {
            delivered.add("delivered " + target.tag() + " " + trigger);
        }

        @Override
        public void failed(String target, String trigger, String reason) {
            failed.add("failed " + target + " " + trigger + " " + reason);
        }

        @Override
        public void retried(AlertTarget.Type target) {
            retried.add(target.tag());
        }
    }
}
