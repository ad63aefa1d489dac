package dev.surety.detector.streams;

import static dev.surety.detector.streams.DetectorDriver.AGREEMENT;
import static dev.surety.detector.streams.DetectorDriver.T0;
import static dev.surety.detector.streams.DetectorDriver.agreement;
import static dev.surety.detector.streams.DetectorDriver.data;
import static dev.surety.detector.streams.DetectorDriver.objective;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.surety.detector.AgreementHistory;
import dev.surety.events.BreachOpened;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Measurements read their agreement through a memo, and always get what the global store holds at that moment. */
class AgreementMemoTest {

    @TempDir
    Path stateDir;

    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void everyAgreementWriteReachesTheNextMeasurement() {
        try (DetectorDriver d = new DetectorDriver(stateDir, T0)) {
            d.publish(agreement(1, "UTC", objective("PT1H", WINDOW, "90", "99.9", Duration.ZERO)));
            d.measure(Duration.ofSeconds(0), 95, 100);      // 95 % meets version 1's 90 %
            d.measure(Duration.ofSeconds(1), 95, 100);
            assertEquals(List.of(), d.breaches());

            d.publish(agreement(2, "UTC", objective("PT1H", WINDOW, "99", "99.9", Duration.ZERO)));
            d.measure(Duration.ofSeconds(2), 95, 100);      // version 2's 99 % is not met
            BreachOpened opened = data(d.breaches().get(0), BreachOpened.class);
            assertEquals(2, opened.agreementVersion());
            assertEquals(0, new BigDecimal("99").compareTo(opened.threshold()));

            d.deleteAgreement(AGREEMENT);
            d.measure(Duration.ofSeconds(3), 95, 100);
            assertEquals(1, d.metrics.count("unknown:unknown-agreement"));

            d.publish(agreement(3, "UTC", objective("PT1H", WINDOW, "90", "99.9", Duration.ZERO)));
            d.measure(Duration.ofSeconds(4), 95, 100);
            assertEquals(4, d.metrics.count("processed"));
        }
    }

    @Test
    void readsTheStoreWhileAWriteIsUnderWayAndAfterIt() {
        Map<String, AgreementHistory> held = new HashMap<>();
        int[] reads = {0};
        @SuppressWarnings("unchecked")
        KeyValueStore<String, AgreementHistory> store = (KeyValueStore<String, AgreementHistory>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("get")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    reads[0]++;
                    return held.get((String) args[0]);
                });
        AgreementChanges changes = new AgreementChanges();
        AgreementMemo memo = new AgreementMemo(changes, 16);
        AgreementHistory v1 = AgreementHistory.of(agreement(1, "UTC", objective("PT1H", WINDOW, "90", "99.9",
                Duration.ZERO)));
        AgreementHistory v2 = AgreementHistory.of(agreement(2, "UTC", objective("PT1H", WINDOW, "99", "99.9",
                Duration.ZERO)));
        held.put(AGREEMENT, v1);

        assertSame(v1, memo.get(store, AGREEMENT));
        assertSame(v1, memo.get(store, AGREEMENT));
        assertEquals(1, reads[0]);                          // the second came from the memo

        changes.writing();
        held.put(AGREEMENT, v2);
        assertSame(v2, memo.get(store, AGREEMENT));         // under way: the store decides
        assertSame(v2, memo.get(store, AGREEMENT));
        assertEquals(3, reads[0]);

        changes.changed(AGREEMENT);
        assertSame(v2, memo.get(store, AGREEMENT));
        assertSame(v2, memo.get(store, AGREEMENT));
        assertEquals(4, reads[0]);

        changes.writing();
        held.remove(AGREEMENT);
        changes.changed(AGREEMENT);
        assertNull(memo.get(store, AGREEMENT));
        assertNull(memo.get(store, AGREEMENT));             // absence is never remembered
        assertEquals(6, reads[0]);
    }
}
