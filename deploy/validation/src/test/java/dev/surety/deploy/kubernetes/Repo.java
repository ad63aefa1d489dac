package dev.surety.deploy.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository; the build passes its root as the system property {@code surety.root}. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String root = System.getProperty("surety.root");
        Path p = root != null ? Path.of(root) : Path.of("..", "..");
        p = p.toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("deploy/validation/pom.xml"))) {
            throw new IllegalStateException("not the repository root: " + p + " (set -Dsurety.root)");
        }
        return p;
    }

    static Path kubernetes() {
        return root().resolve("deploy/kubernetes");
    }

    static Path validation() {
        return root().resolve("deploy/validation");
    }
}
