package dev.surety.detector;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Gives each test JVM a fresh Kafka Streams state directory: the test broker is new every run,
 * and state left from an earlier broker must not be mistaken for this one's.
 */
public class StateDirResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            return Map.of("kafka-streams.state.dir", Files.createTempDirectory("breach-detector-state").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The directory is under the OS temp dir; Kafka Streams holds files in it until the JVM exits.
    }
}
