package dev.surety.deploy.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths in the repository (the build passes its root as the system property {@code surety.root}). */
public final class Repository {

    /** The services that expose /q/metrics, by module folder (= Prometheus job). */
    public static final List<String> SERVICES =
            List.of("agreement-service", "measurement-ingest", "breach-detector", "credit-service", "portal");

    private Repository() {
    }

    public static Path root() {
        String configured = System.getProperty("surety.root");
        Path p = (configured != null ? Path.of(configured) : Path.of("..", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("deploy/validation/pom.xml"))) {
            throw new IllegalStateException("not the repository root: " + p + " (set -Dsurety.root)");
        }
        return p;
    }

    public static Path observability() {
        return root().resolve("deploy/observability");
    }

    public static Path compose() {
        return root().resolve("deploy/compose");
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files under a folder whose name ends with one of the suffixes, sorted. */
    public static List<Path> files(Path dir, String... suffixes) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().contains("/node_modules/") && !f.toString().contains("/target/"))
                    .filter(f -> Stream.of(suffixes).anyMatch(x -> f.getFileName().toString().endsWith(x)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
