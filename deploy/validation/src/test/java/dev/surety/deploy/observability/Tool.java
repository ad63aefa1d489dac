package dev.surety.deploy.observability;

import dev.surety.deploy.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line checkers the tests run (promtool, amtool, yamllint, shellcheck). A missing tool
 * fails the test, it is never skipped: {@code ./surety test} installs them from Debian.
 */
public final class Tool {

    /** yamllint's default rules, with longer lines (PromQL, URLs) and no required "---". */
    public static final String YAMLLINT_CONFIG =
            "{extends: default, rules: {line-length: {max: 160}, document-start: disable}}";

    private Tool() {
    }

    public static Node.Result run(Path dir, String... command) {
        return Node.exec(List.of(command), dir, Duration.ofMinutes(2));
    }

    public static Node.Result run(Path dir, List<String> command) {
        return Node.exec(command, dir, Duration.ofMinutes(2));
    }

    /** yamllint with {@link #YAMLLINT_CONFIG}, strict (warnings fail too). */
    public static Node.Result yamllint(List<Path> files) {
        List<String> command = new ArrayList<>(List.of("yamllint", "--strict", "-f", "parsable", "-d", YAMLLINT_CONFIG));
        files.forEach(f -> command.add(f.toString()));
        return run(Repository.root(), command);
    }

    /** shellcheck with its default severity (style included). */
    public static Node.Result shellcheck(List<Path> files) {
        List<String> command = new ArrayList<>(List.of("shellcheck", "--format=gcc"));
        files.forEach(f -> command.add(f.toString()));
        return run(Repository.root(), command);
    }
}
