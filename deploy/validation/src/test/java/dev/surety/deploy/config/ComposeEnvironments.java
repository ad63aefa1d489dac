package dev.surety.deploy.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The environments a Compose file gives the Surety services: {@code environment} (map or list
 * form) and {@code env_file}s, with YAML anchors and merge keys resolved. A service is Surety's when
 * its name or its image names a module.
 */
public final class ComposeEnvironments {

    private ComposeEnvironments() {
    }

    @SuppressWarnings("unchecked")
    public static List<ContainerEnvironment> read(Path composeFile) {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(composeFile)) {
            compose = new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ContainerEnvironment> found = new ArrayList<>();
        Object services = compose == null ? null : compose.get("services");
        if (!(services instanceof Map<?, ?> map)) {
            return found;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            Map<String, Object> definition = entry.getValue() instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            String service = ContainerEnvironment.serviceOf(name, definition.get("image"));
            if (service == null) {
                continue;
            }
            Map<String, String> variables = new LinkedHashMap<>();
            Object environment = definition.get("environment");
            if (environment instanceof Map<?, ?> env) {
                env.keySet().forEach(k -> variables.put(String.valueOf(k), "environment"));
            } else if (environment instanceof List<?> env) {
                env.forEach(item -> variables.put(String.valueOf(item).split("=", 2)[0], "environment"));
            }
            for (String file : envFiles(definition.get("env_file"))) {
                Path path = composeFile.resolveSibling(file);
                if (Files.exists(path)) {
                    envFileKeys(path).forEach(k -> variables.putIfAbsent(k, "env_file " + file));
                }
            }
            found.add(new ContainerEnvironment(service, composeFile.getFileName() + " service " + name, variables, Set.of()));
        }
        return found;
    }

    private static List<String> envFiles(Object envFile) {
        List<String> files = new ArrayList<>();
        if (envFile instanceof String s) {
            files.add(s);
        } else if (envFile instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s) {
                    files.add(s);
                } else if (item instanceof Map<?, ?> m && m.get("path") != null) {
                    files.add(String.valueOf(m.get("path")));
                }
            }
        }
        return files;
    }

    /** The keys of a {@code KEY=value} file ({@code .env}, kustomize {@code envs}); comments and blanks skipped. */
    static List<String> envFileKeys(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.replaceFirst("^export\\s+", "").split("=", 2)[0].strip())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
