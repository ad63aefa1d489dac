package dev.surety.deploy.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.surety.deploy.Node;
import dev.surety.deploy.observability.Repository;
import dev.surety.deploy.observability.Tool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compose files against the Compose Specification schema and dclint's rules (pinned in
 * deploy/validation/package.json), yamllint on every YAML file and shellcheck on every script of
 * deploy/compose. Warnings fail as errors do.
 */
class ComposeLintTest {

    @Test
    void dclintAcceptsTheComposeFilesWithoutWarnings() {
        Node.Result r = Node.bin("dclint", List.of("--max-warnings", "0", "--color", "false",
                ComposeFile.FILE.toString(), ComposeFile.DEV_LOGIN.toString()));
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void dclintRefusesABrokenComposeFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // the schema check is real: an unknown key and a bad depends_on condition fail
        Path bad = dir.resolve("compose.yaml");
        java.nio.file.Files.writeString(bad, """
                name: broken
                services:
                  a:
                    image: busybox:1.37.0
                    depends_on:
                      b:
                        condition: service_ready
                    healthcheck_typo: true
                  b:
                    image: busybox:1.37.0
                """);
        Node.Result r = Node.bin("dclint", List.of("--color", "false", bad.toString()));
        assertFalse(r.exitCode() == 0, r.output());
    }

    @Test
    void yamllintAcceptsEveryYamlFile() {
        List<Path> files = Repository.files(Repository.compose(), ".yml", ".yaml");
        assertFalse(files.isEmpty());
        Node.Result r = Tool.yamllint(files);
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void shellcheckAcceptsEveryScript() {
        List<Path> scripts = Repository.files(Repository.compose(), ".sh");
        assertEquals(3, scripts.size(), "init-secrets.sh, kafka/create-topics.sh, postgres/init-databases.sh: " + scripts);
        Node.Result r = Tool.shellcheck(scripts);
        assertEquals(0, r.exitCode(), r.output());
    }
}
