package dev.surety.detector;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives each test JVM a fresh Kafka Streams state directory: the test broker is new every run,
 * and state left from an earlier broker must not be mistaken for this one's. It lives under the
 * module's {@code target/}, so a build leaves nothing in the machine's temp directory.
 */
public class StateDirResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Map.of("kafka-streams.state.dir",
                    Files.createTempDirectory(target, "breach-detector-state").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // Kafka Streams holds files in the directory until the JVM exits; `mvn clean` removes it.
    }
}
