package dev.surety.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** yamllint on every YAML file under deploy/ and docs/, shellcheck on every shell script of the repository. */
class LintTest {

    /** Build output, installed packages and local state: not ours to lint. */
    private static final Set<String> SKIPPED = Set.of(".git", "node_modules", "target", ".surety", ".idea",
            ".cifuzz-corpus");

    static List<Path> files(Path dir) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> dir.relativize(p).toString().isEmpty()
                            || Stream.of(dir.relativize(p).toString().split("/")).noneMatch(SKIPPED::contains))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static List<Path> yamlFiles() {
        Path root = Repo.root();
        List<Path> yaml = new ArrayList<>();
        for (String dir : List.of("deploy", "docs")) {
            files(root.resolve(dir)).stream()
                    .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml$"))
                    .forEach(yaml::add);
        }
        return yaml;
    }

    /** Files named *.sh, and files whose first line starts a POSIX shell or bash (e.g. ./surety, .ci/run). */
    static List<Path> shellScripts() {
        return files(Repo.root()).stream().filter(p -> {
            if (p.getFileName().toString().endsWith(".sh")) {
                return true;
            }
            try (Stream<String> lines = Files.lines(p, StandardCharsets.ISO_8859_1)) {
                String first = lines.findFirst().orElse("");
                return first.matches("#!\\s*(/usr)?/bin/(env\\s+)?(ba|da|k)?sh\\b.*");
            } catch (IOException | UncheckedIOException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void everyYamlFileUnderDeployAndDocsPassesYamllint() {
        Tools.require("yamllint", "yamllint");
        List<Path> yaml = yamlFiles();
        assertTrue(yaml.contains(Repo.kubernetes().resolve(TopicManifests.FILE)), "the Kubernetes manifests are linted");
        List<String> cmd = new ArrayList<>(List.of("yamllint", "--strict", "-f", "parsable", "-c",
                Repo.root().resolve(".yamllint").toString()));
        yaml.forEach(p -> cmd.add(p.toString()));
        Tools.Result r = Tools.run(Repo.root(), cmd);
        assertEquals(0, r.exitCode(), "yamllint findings:\n" + r.output());
    }

    @Test
    void everyShellScriptPassesShellcheck() {
        Tools.require("shellcheck", "shellcheck");
        List<Path> scripts = shellScripts();
        Path root = Repo.root();
        for (String expected : List.of("surety", ".ci/run", "deploy/kubernetes/base/postgres/init-databases.sh")) {
            assertTrue(scripts.contains(root.resolve(expected)), expected + " is checked");
        }
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "--format=gcc"));
        scripts.forEach(p -> cmd.add(root.relativize(p).toString()));
        Tools.Result r = Tools.run(root, cmd);
        assertEquals(0, r.exitCode(), "shellcheck findings:\n" + r.output());
    }
}
