package dev.surety.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the npm validators pinned in {@code deploy/validation/package.json} (dclint, the Kubernetes
 * models) with the machine's Node.js. {@code node_modules} is installed with {@code npm ci} from the
 * committed lock file the first time a test needs it (or when the lock file changed), once per JVM.
 * A missing {@code node} or {@code npm} fails the test: {@code ./surety test} installs them.
 */
public final class Node {

    private static boolean installed;

    private Node() {
    }

    /** Output and exit code of a finished command. */
    public record Result(int exitCode, String output) {
    }

    /** {@code deploy/validation}, where package.json and node_modules live. */
    public static Path validationDir() {
        String configured = System.getProperty("surety.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..");
        Path dir = root.toAbsolutePath().normalize().resolve("deploy/validation");
        if (!Files.isRegularFile(dir.resolve("package.json"))) {
            throw new IllegalStateException("deploy/validation/package.json not found under " + root + " (set -Dsurety.root)");
        }
        return dir;
    }

    /** Makes sure node_modules matches package-lock.json, running {@code npm ci} when it does not. */
    public static synchronized Path modules() {
        Path dir = validationDir();
        Path modules = dir.resolve("node_modules");
        if (!installed) {
            Path marker = modules.resolve(".package-lock.json");
            try {
                boolean current = Files.isRegularFile(marker)
                        && !Files.getLastModifiedTime(marker).toInstant()
                        .isBefore(Files.getLastModifiedTime(dir.resolve("package-lock.json")).toInstant());
                if (!current) {
                    Result ci = exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), dir, Duration.ofMinutes(10));
                    if (ci.exitCode() != 0) {
                        throw new IllegalStateException("npm ci failed in " + dir + ":\n" + ci.output());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            installed = true;
        }
        return modules;
    }

    /** Runs an installed package's command ({@code node_modules/.bin/<name>}) in deploy/validation. */
    public static Result bin(String name, List<String> args) {
        Path bin = modules().resolve(".bin").resolve(name);
        if (!Files.exists(bin)) {
            throw new IllegalStateException(bin + " missing: is " + name + " in deploy/validation/package.json?");
        }
        List<String> command = new ArrayList<>();
        command.add("node");
        command.add(bin.toString());
        command.addAll(args);
        return exec(command, validationDir(), Duration.ofMinutes(5));
    }

    /** Runs a command in a directory, stdout and stderr together, failing on a timeout. */
    public static Result exec(List<String> command, Path dir, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            // Read before waiting: a full pipe would block the child.
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (./surety test installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
