package dev.surety.deploy.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.surety.deploy.Node;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** yamllint (strict) over every YAML file of deploy/observability. */
class ObservabilityLintTest {

    @Test
    void yamllintAcceptsEveryYamlFile() {
        List<Path> files = Repository.files(Repository.observability(), ".yml", ".yaml");
        assertFalse(files.isEmpty());
        Node.Result r = Tool.yamllint(files);
        assertEquals(0, r.exitCode(), r.output());
    }
}
