package dev.surety.deploy.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The external programs the validation runs (node and the pinned npm packages, yamllint, shellcheck). A missing
 * program fails the test with what to install ({@code ./surety test} installs them all); nothing is skipped.
 */
public final class Tools {

    /** Output and exit status of a finished program. */
    public record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    /** Fails unless {@code command} is on the PATH. */
    public static void require(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        throw new AssertionError(command + " is not installed: `./surety test` installs it, or `apt-get install "
                + debianPackage + "`");
    }

    /** Runs a program to its end, stdout and stderr together. */
    public static Result run(Path workDir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * node and deploy/validation/node_modules as package-lock.json pins them ({@link dev.surety.deploy.Node#modules()},
     * shared with the other validation tests so only one mechanism ever runs {@code npm ci}).
     */
    public static Path nodeModules() {
        require("node", "nodejs");
        require("npm", "npm");
        return dev.surety.deploy.Node.modules();
    }
}
