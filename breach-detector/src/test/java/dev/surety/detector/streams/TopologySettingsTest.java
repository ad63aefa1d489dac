package dev.surety.detector.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.surety.detector.config.DetectorConfig;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builder's starting values are the detector's configured defaults, so tests build what production runs. */
class TopologySettingsTest {

    @Test
    void builderStartsFromTheDefaultsOfDetectorConfig() throws Exception {
        TopologySettings built = TopologySettings.builder().build();
        Map<String, Object> components = new HashMap<>();
        for (RecordComponent c : TopologySettings.class.getRecordComponents()) {
            components.put(c.getName(), c.getAccessor().invoke(built));
        }
        int compared = 0;
        for (Method m : DetectorConfig.class.getDeclaredMethods()) {
            WithDefault d = m.getAnnotation(WithDefault.class);
            if (d == null || !components.containsKey(m.getName())) {
                continue;
            }
            assertEquals(parse(m.getReturnType(), d.value()), components.get(m.getName()),
                    "default of surety.detector." + m.getName());
            compared++;
        }
        // Every timing and sizing setting the topology takes from DetectorConfig (all but the four topic names).
        assertTrue(compared >= components.size() - 4, "compared " + compared + " of " + components.keySet());
    }

    private static Object parse(Class<?> type, String value) {
        if (type == Duration.class) {
            return Duration.parse(value);
        }
        if (type == int.class) {
            return Integer.parseInt(value);
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("no parser for " + type);
    }
}
