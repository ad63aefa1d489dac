package dev.surety.agreement.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Test resources and assertions on import problems. */
final class Yamls {

    private Yamls() {
    }

    static String resource(String name) {
        try (InputStream in = Yamls.class.getResourceAsStream("/openslo/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource openslo/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with the single occurrence of {@code from} replaced (a test edit that misses fails loudly). */
    static String edit(String text, String from, String to) {
        int at = text.indexOf(from);
        assertTrue(at >= 0, "test edit target not found: " + from);
        assertEquals(-1, text.indexOf(from, at + 1), "test edit target not unique: " + from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** The problems of an import that must fail. */
    static List<ImportError> problems(String yaml) {
        return assertThrows(OpenSloImportException.class, () -> OpenSloImporter.read(yaml)).errors();
    }

    /** Asserts one problem at exactly {@code path} whose message contains {@code fragment}. */
    static void assertProblem(List<ImportError> errors, String path, String fragment) {
        assertTrue(errors.stream().anyMatch(e -> e.path().equals(path) && e.message().contains(fragment)),
                "expected a problem at " + path + " containing '" + fragment + "', got:\n" + render(errors));
    }

    static String render(List<ImportError> errors) {
        return errors.stream().map(e -> "  " + e.path() + ": " + e.message()).collect(Collectors.joining("\n"));
    }

    /** The documents of a stream exported by {@link OpenSloExporter} (each starts with its own "---"). */
    static List<String> documents(String yaml) {
        List<String> out = new ArrayList<>();
        for (String part : yaml.split("(?m)^---\\n")) {
            if (!part.isBlank()) {
                out.add(part);
            }
        }
        return out;
    }

    static String join(List<String> documents) {
        return documents.stream().map(d -> "---\n" + d).collect(Collectors.joining());
    }
}
