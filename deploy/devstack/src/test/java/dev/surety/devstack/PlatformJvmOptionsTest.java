package dev.surety.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack starts the detector with its deployment's JVM flags, without the deployment's heap; the benchmark
 * with all of them, or its own heap.
 */
class PlatformJvmOptionsTest {

    @Test
    void theDetectorManifestsFlagsWithoutItsHeapSizes(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("breach-detector.yaml");
        Files.writeString(manifest, """
                data:
                  # a comment naming JAVA_TOOL_OPTIONS: -Xmx1g is no flag
                  JAVA_TOOL_OPTIONS: -Xms512m -Xmx820m -XX:+UseSerialGC  -Dx=y -XX:+ExitOnOutOfMemoryError
                """);
        assertEquals(List.of("-XX:+UseSerialGC", "-Dx=y", "-XX:+ExitOnOutOfMemoryError"),
                Platform.deployedJvmFlags(manifest));
        assertEquals(List.of(), Platform.deployedJvmFlags(dir.resolve("missing.yaml")));
    }

    @Test
    void theBenchmarkRunsTheShippedOptionsWithTheirHeapOrWithItsOwn(@TempDir Path dir) throws IOException {
        Path manifest = dir.resolve("breach-detector.yaml");
        Files.writeString(manifest, """
                data:
                  JAVA_TOOL_OPTIONS: -Xms512m -Xmx820m -XX:+UseSerialGC -Dx=y
                """);
        List<String> shipped = Platform.deployedJvmOptions(manifest);
        assertEquals(List.of("-Xms512m", "-Xmx820m", "-XX:+UseSerialGC", "-Dx=y"), shipped);
        assertEquals(shipped, DetectorBench.withHeap(shipped, List.of()));
        assertEquals(List.of("-Xmx256m", "-XX:+UseSerialGC", "-Dx=y"), DetectorBench.withHeap(shipped, List.of("-Xmx256m")));
    }

    @Test
    void theRealDetectorManifestSetsTheCollectorAndNoHeapHere() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("deploy/kubernetes/base/breach-detector.yaml"))) {
            root = root.getParent();
        }
        List<String> flags = Platform.deployedJvmFlags(root.resolve("deploy/kubernetes/base/breach-detector.yaml"));
        assertTrue(flags.contains("-XX:+UseSerialGC"), flags.toString());
        assertTrue(flags.stream().noneMatch(f -> f.startsWith("-Xm")), flags.toString());
    }
}
