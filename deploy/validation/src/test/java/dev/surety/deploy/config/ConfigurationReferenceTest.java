package dev.surety.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/configuration.md lists every setting each service reads (as {@link ServiceConfiguration}
 * extracts it from the code) with its environment variable, default and meaning, and nothing else.
 * With {@code -Dsurety.regenerate=true} the reference is rewritten from the code first.
 */
class ConfigurationReferenceTest {

    private static final String HOW_TO_FIX = "\n\nRegenerate the reference from the code (repository root):\n  "
            + ConfigurationReference.REGENERATE
            + "\nthen write a meaning in " + ConfigurationReference.FILE
            + " for each row the test still names (meanings without a Javadoc are kept on regeneration).";

    @BeforeAll
    static void regenerateWhenAsked() {
        if (Boolean.getBoolean("surety.regenerate")) {
            ConfigurationReference.write(ConfigurationReference.regenerate(ConfigurationReference.read()));
        }
    }

    static Stream<String> blocks() {
        return Stream.concat(Stream.of(ConfigurationReference.EVERY_SERVICE), ServiceConfiguration.SERVICES.stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void everySettingIsListedWithItsVariableDefaultAndMeaning(String name) {
        String block = ConfigurationReference.blocks(ConfigurationReference.read()).get(name);
        if (block == null) {
            fail(ConfigurationReference.FILE + " has no generated block for " + name + HOW_TO_FIX);
        }
        boolean everyService = name.equals(ConfigurationReference.EVERY_SERVICE);
        List<Setting> settings = everyService ? ServiceConfiguration.RUNTIME : ServiceConfiguration.settings(name);
        Map<String, ConfigurationReference.Row> listed = ConfigurationReference.rows(block);
        List<String> problems = new ArrayList<>();
        for (Setting s : settings) {
            ConfigurationReference.Row row = listed.get(s.key());
            String label = s.property() != null ? s.property() : s.env();
            if (row == null) {
                problems.add("missing row " + label + " (" + ConfigurationReference.row(s) + ")");
                continue;
            }
            ConfigurationReference.Row expected = ConfigurationReference.rows(ConfigurationReference.row(s)).get(s.key());
            if (!expected.property().equals(row.property())) {
                problems.add(label + ": property column says " + row.property() + ", the code " + expected.property());
            }
            if (!expected.env().equals(row.env())) {
                problems.add(label + ": environment variable " + row.env() + " should be " + expected.env());
            }
            if (!expected.defaultValue().equals(row.defaultValue())) {
                problems.add(label + ": default " + row.defaultValue() + " should be " + expected.defaultValue());
            }
            if (s.meaningFromCode() && s.meaning() != null && !expected.meaning().equals(row.meaning())) {
                problems.add(label + ": meaning differs from the code's: " + expected.meaning());
            } else if (row.meaning().isBlank()) {
                problems.add(label + ": no meaning; write one in " + ConfigurationReference.FILE);
            }
        }
        listed.keySet().stream()
                .filter(key -> settings.stream().noneMatch(s -> s.key().equals(key)))
                .forEach(key -> problems.add("extra row " + key.replaceFirst("^env:", "")
                        + ": " + name + " does not read it (renamed or removed?)"));
        if (!everyService && !ConfigurationReference.wiring(block).equals(ServiceConfiguration.wiring(name))) {
            problems.add("the wiring list should be " + ServiceConfiguration.wiring(name));
        }
        assertTrue(problems.isEmpty(), ConfigurationReference.FILE + ", " + name + ":\n  "
                + String.join("\n  ", problems) + HOW_TO_FIX);
    }

    @Test
    void referenceIsWhatTheGeneratorWrites() {
        String text = ConfigurationReference.read();
        String generated = ConfigurationReference.regenerate(text);
        if (!generated.equals(text)) {
            String[] a = text.split("\n", -1);
            String[] b = generated.split("\n", -1);
            int line = 0;
            while (line < Math.min(a.length, b.length) && a[line].equals(b[line])) {
                line++;
            }
            fail(ConfigurationReference.FILE + " is out of date from line " + (line + 1) + ":\n  is:     "
                    + (line < a.length ? a[line] : "(end)") + "\n  should: " + (line < b.length ? b[line] : "(end)")
                    + HOW_TO_FIX);
        }
    }

    @Test
    void regeneratingKeepsTheProseAndTheHandWrittenMeanings() {
        String text = ConfigurationReference.read();
        String once = ConfigurationReference.regenerate(text);
        String edited = once.replace("## Every service", "## Every service\n\nA sentence of prose.")
                .replaceFirst("(\\| `quarkus\\.http\\.port` \\| `QUARKUS_HTTP_PORT` \\| `8081` \\| )[^\\n]*",
                        "$1Port, written by hand |");
        String again = ConfigurationReference.regenerate(edited);
        assertEquals(edited, again, "regeneration must keep prose and hand-written meanings");
        assertEquals(once, ConfigurationReference.regenerate(once), "regeneration must be stable");
    }
}
