package dev.surety.systemtests;

import static dev.surety.systemtests.StackClient.freePort;
import static dev.surety.systemtests.StackClient.get;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.surety.devstack.Platform;
import dev.surety.devstack.Platform.Service;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.BreachOpened;
import dev.surety.events.BreachResolved;
import dev.surety.events.BurnRateRule;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.Measurement;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing doubled when breach-detector is killed with SIGKILL mid-stream: the same
 * deterministic measurement stream (explicit event times, three bad phases) is fed for a reference
 * agreement without disturbance and for a second agreement with a kill -9 and restart in the
 * middle; both must yield the same breach lifecycle — same ids by the documented formula, one
 * open and one resolve per episode, nothing reopened, nothing left open.
 */
class DetectorCrashReplayIT {

    private static final int SECONDS = 120;
    /** Bad phases (inclusive second ranges): each opens one threshold breach, resolved long before the next. */
    private static final int[][] BAD = {{20, 24}, {50, 52}, {80, 85}};
    private static final BurnRateRule FAST = new BurnRateRule("fast", new BigDecimal("10"), Duration.ofSeconds(30),
            Duration.ofSeconds(5), "page");
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private static Platform platform;
    private static StackClient stack;
    private static Process detector;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("surety.root", "..")).toAbsolutePath().normalize();
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            servicePorts.put(s, freePort());
        }
        platform = new Platform(root, root.resolve("system-tests/target/detector-crash-" + System.currentTimeMillis()),
                new Platform.Ports(freePort(), freePort(), freePort(), servicePorts), Map.of());
        try {
            platform.startInfrastructure();
            detector = platform.startService(Service.DETECTOR);
            platform.awaitReady(Service.DETECTOR, detector, Duration.ofSeconds(180));
        } catch (Exception e) {
            platform.stop();
            throw e;
        }
        stack = new StackClient(platform.kafkaBootstrap());
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.stop();
            assertTrue(platform.running().isEmpty(), "processes left behind: " + platform.running());
        }
    }

    @Test
    void aKilledDetectorPublishesTheSameBreachesAsAnUndisturbedOne() throws Exception {
        // A past hour, replayed: the period (one day from `from`) never closes during the test.
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
        Instant from = base.minus(Duration.ofHours(1));
        String reference = "crash-ref-" + UUID.randomUUID();
        String disturbed = "crash-kill-" + UUID.randomUUID();
        String admin = platform.tokens().mint("ops", null, "ops");

        try (DetectorFeed feed = new DetectorFeed(stack)) {
            for (String id : List.of(reference, disturbed)) {
                feed.publish(agreement(id, from));
                awaitKnown(id, admin);
            }

            // Undisturbed run.
            feedSeconds(feed, reference, base, 0, SECONDS);
            Instant last = base.plusSeconds(SECONDS - 1);
            List<ConsumerRecord<String, byte[]>> expected = awaitSettled(feed, reference, 2 * BAD.length, last, admin);

            // Disturbed run: half the stream, kill -9 right after the next third is sent, restart, the rest.
            feedSeconds(feed, disturbed, base, 0, 60);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> !feed.breachEvents(disturbed).isEmpty());
            feedSeconds(feed, disturbed, base, 60, 90);
            detector.destroyForcibly();
            assertTrue(detector.waitFor(60, TimeUnit.SECONDS), "breach-detector killed");
            detector = platform.startService(Service.DETECTOR);
            platform.awaitReady(Service.DETECTOR, detector, Duration.ofSeconds(180));
            feedSeconds(feed, disturbed, base, 90, SECONDS);
            List<ConsumerRecord<String, byte[]>> actual = awaitSettled(feed, disturbed, expected.size(), last, admin);

            String refKey = Measurement.key(reference, DetectorFeed.OBJECTIVE);
            String key = Measurement.key(disturbed, DetectorFeed.OBJECTIVE);
            List<String> refLifecycle = lifecycle(expected, refKey);
            List<String> lifecycle = lifecycle(actual, key);
            assertEquals(refLifecycle, lifecycle, "the same episodes, in the same order, with the same figures");
            assertEpisodes(actual, key);
            // What the input dictates: each bad phase opens one episode of each rule on its first second.
            List<Instant> firstBadSeconds = new ArrayList<>();
            for (int[] phase : BAD) {
                firstBadSeconds.add(base.plusSeconds(phase[0]));
            }
            for (String rule : new String[] {null, FAST.name()}) {
                List<Instant> openings = actual.stream()
                        .filter(r -> CloudEvents.type(r.headers()) == EventType.BREACH_OPENED)
                        .map(r -> EventCodec.decode(r.value(), BreachOpened.class))
                        .filter(o -> java.util.Objects.equals(rule, o.rule()))
                        .map(BreachOpened::openedAt).toList();
                assertEquals(firstBadSeconds, openings, "episodes of rule " + (rule == null ? "threshold" : rule));
            }
            assertEquals(4 * BAD.length, actual.size(), "an open and a resolve per episode, two rules");
        }
    }

    private static AgreementSnapshot agreement(String id, Instant from) {
        return DetectorFeed.agreement(id, "acme", from, Duration.ofSeconds(10), "99", Duration.ofSeconds(3),
                List.of(FAST));
    }

    /** The agreement is in the detector's global store once the status endpoint knows it. */
    private static void awaitKnown(String agreementId, String token) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() ->
                get(platform.url(Service.DETECTOR) + "/v1/status/" + agreementId, token).statusCode() == 200);
    }

    /** One measurement a second, 100 requests each, all failing in the bad phases. */
    private static void feedSeconds(DetectorFeed feed, String agreementId, Instant base, int fromSecond, int toSecond)
            throws Exception {
        for (int s = fromSecond; s < toSecond; s++) {
            feed.measure(agreementId, "acme", base.plusSeconds(s), bad(s) ? 0 : 100, 100);
        }
        feed.flush();
    }

    private static boolean bad(int second) {
        for (int[] phase : BAD) {
            if (second >= phase[0] && second <= phase[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until the detector has applied the last second of the stream with no breach left open
     * and at least {@code atLeast} events are committed, then a little more so that anything
     * doubled would show, and returns the events.
     */
    private static List<ConsumerRecord<String, byte[]>> awaitSettled(DetectorFeed feed, String agreementId,
                                                                     int atLeast, Instant last, String token) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            var r = get(platform.url(Service.DETECTOR) + "/v1/status/" + agreementId, token);
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode o = EventCodec.mapper().readTree(r.body()).path("objectives").path(0);
            return last.toString().equals(o.path("lastMeasurementAt").asText())
                    && o.path("openBreaches").isEmpty()
                    && feed.breachEvents(agreementId).size() >= atLeast;
        });
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        return feed.breachEvents(agreementId);
    }

    /** Each event without the agreement's identity: type, rule, times, figures, reason. */
    private static List<String> lifecycle(List<ConsumerRecord<String, byte[]>> events, String key) {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : events) {
            EventType type = CloudEvents.type(r.headers());
            if (type == EventType.BREACH_OPENED) {
                BreachOpened o = EventCodec.decode(r.value(), BreachOpened.class);
                out.add("OPENED " + o.kind() + " " + o.rule() + " at " + o.openedAt() + " sli " + o.sli()
                        + " burn " + o.burnRate());
            } else if (type == EventType.BREACH_RESOLVED) {
                BreachResolved x = EventCodec.decode(r.value(), BreachResolved.class);
                out.add("RESOLVED " + x.kind() + " " + x.rule() + " opened " + x.openedAt() + " at " + x.resolvedAt()
                        + " sli " + x.sli() + " " + x.reason());
            } else {
                out.add(String.valueOf(type));
            }
        }
        return out;
    }

    /**
     * Every episode opened once and resolved once, in that order, with the ids the detector's
     * README documents: breach id = nameUUID(key[|rule]|openedAt); event ids never repeat.
     */
    private static void assertEpisodes(List<ConsumerRecord<String, byte[]>> events, String key) {
        Set<String> open = new LinkedHashSet<>();
        Set<String> closed = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : events) {
            assertTrue(eventIds.add(CloudEvents.header(r.headers(), CloudEvents.H_ID)), "event published twice");
            if (CloudEvents.type(r.headers()) == EventType.BREACH_OPENED) {
                BreachOpened o = EventCodec.decode(r.value(), BreachOpened.class);
                String prefix = o.rule() == null ? key : key + "|" + o.rule();
                assertEquals(uuid(prefix + "|" + o.openedAt()), o.breachId());
                assertTrue(!open.contains(o.breachId()) && !closed.contains(o.breachId()),
                        "breach " + o.breachId() + " opened twice");
                open.add(o.breachId());
            } else {
                BreachResolved x = EventCodec.decode(r.value(), BreachResolved.class);
                assertTrue(open.remove(x.breachId()), "resolve without open: " + x.breachId());
                closed.add(x.breachId());
            }
        }
        assertEquals(Set.of(), open, "every episode resolved");
    }

    private static String uuid(String naturalKey) {
        return UUID.nameUUIDFromBytes(naturalKey.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
