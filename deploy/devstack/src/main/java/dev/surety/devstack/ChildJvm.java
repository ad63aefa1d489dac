package dev.surety.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts detached child JVMs on this module's runtime classpath, logging to a file. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** This module's jar (or classes folder) followed by its runtime dependencies. */
    public static String classpath() {
        try (InputStream in = ChildJvm.class.getResourceAsStream("/devstack-classpath.txt")) {
            if (in == null) {
                throw new IllegalStateException("devstack-classpath.txt missing: build deploy/devstack with Maven");
            }
            String deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            return self + java.io.File.pathSeparator + deps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The java launcher of the running JVM. */
    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code mainClass} in a new JVM whose output goes to {@code log}; the child outlives
     * this JVM.
     */
    public static Process start(String mainClass, List<String> jvmArgs, List<String> args, Path log,
                                Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(mainClass);
        cmd.addAll(args);
        return startCommand(cmd, log, env);
    }

    /** Starts any command detached from this JVM's streams. */
    public static Process startCommand(List<String> cmd, Path log, Map<String, String> env) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        return pb.start();
    }
}
