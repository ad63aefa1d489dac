package dev.surety.deploy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code docs/configuration.md}: hand-written prose around generated blocks, one per service and
 * one for what every service reads, each between {@code <!-- BEGIN GENERATED x -->} and
 * {@code <!-- END GENERATED x -->}. A block is a table (property, environment variable, default,
 * meaning) and the list of the service's wiring keys. Regenerating keeps everything outside the
 * blocks and the meaning of every row whose code carries none.
 */
final class ConfigurationReference {

    static final String EVERY_SERVICE = "every-service";
    static final String FILE = "docs/configuration.md";
    static final String REGENERATE = "mvn -o -B -q verify -pl deploy/validation -Dtest='dev.surety.deploy.config.**' "
            + "-Dsurety.regenerate=true";

    private static final String HEADER = "| property | environment variable | default | meaning |\n|---|---|---|---|\n";
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- BEGIN GENERATED ([\\w-]+) -->\\n(.*?)<!-- END GENERATED \\1 -->", Pattern.DOTALL);
    private static final Pattern PRODUCTION_NOTE =
            Pattern.compile("^\\*\\*Set in production(?:\\.\\*\\*|\\*\\* \\([^)]*\\)\\.)\\s*");
    private static final Pattern WIRING_LINE = Pattern.compile("(?m)^Wiring, not settings[^:]*: (.*)$");

    /** A table row as the reference holds it. */
    record Row(String key, String property, String env, String defaultValue, String meaning) {
    }

    private ConfigurationReference() {
    }

    static Path file() {
        return ServiceConfiguration.root().resolve(FILE);
    }

    static String read() {
        try {
            return Files.readString(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(String text) {
        try {
            Files.writeString(file(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generated blocks of a reference text, by name. */
    static Map<String, String> blocks(String text) {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            blocks.put(m.group(1), m.group(2));
        }
        return blocks;
    }

    /** The rows of one block, by key. */
    static Map<String, Row> rows(String block) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : block.split("\n")) {
            if (!line.startsWith("| ") || line.startsWith("| property |")) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.size() < 4) {
                continue;
            }
            String property = cells.get(0).startsWith("`") ? firstCode(cells.get(0)) : null;
            String env = cells.get(1).startsWith("`") ? firstCode(cells.get(1)) : null;
            String key = property != null ? property : "env:" + env;
            String meaning = PRODUCTION_NOTE.matcher(cells.get(3)).replaceFirst("");
            rows.put(key, new Row(key, cells.get(0), cells.get(1), cells.get(2), meaning));
        }
        return rows;
    }

    /** The wiring keys a block names. */
    static List<String> wiring(String block) {
        Matcher m = WIRING_LINE.matcher(block);
        if (!m.find()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        Matcher code = Pattern.compile("`([^`]+)`").matcher(m.group(1));
        while (code.find()) {
            keys.add(code.group(1));
        }
        return keys;
    }

    /**
     * The reference text with every generated block made anew from the code; the prose is kept.
     * Two passes, so that a meaning one block takes from an {@code application.properties} comment
     * also reaches the same key in the other blocks at once (the result is a fixed point).
     */
    static String regenerate(String text) {
        return pass(pass(text));
    }

    private static String pass(String text) {
        Map<String, String> old = blocks(text);
        Map<String, String> fresh = new LinkedHashMap<>();
        fresh.put(EVERY_SERVICE, render(ServiceConfiguration.RUNTIME, old.get(EVERY_SERVICE), old, null, List.of()));
        for (String service : ServiceConfiguration.SERVICES) {
            fresh.put(service, render(ServiceConfiguration.settings(service), old.get(service), old,
                    ServiceConfiguration.sources(service), ServiceConfiguration.wiring(service)));
        }
        String result = text;
        for (Map.Entry<String, String> block : fresh.entrySet()) {
            String marked = "<!-- BEGIN GENERATED " + block.getKey() + " -->\n" + block.getValue()
                    + "<!-- END GENERATED " + block.getKey() + " -->";
            Matcher m = Pattern.compile("<!-- BEGIN GENERATED " + Pattern.quote(block.getKey())
                    + " -->\\n.*?<!-- END GENERATED " + Pattern.quote(block.getKey()) + " -->", Pattern.DOTALL)
                    .matcher(result);
            if (m.find()) {
                result = result.substring(0, m.start()) + marked + result.substring(m.end());
            } else {
                result = result.stripTrailing() + "\n\n## " + block.getKey() + "\n\n" + marked + "\n";
            }
        }
        return result;
    }

    /**
     * One block: the rows in the settings' order, each meaning from the code when it has one, else
     * from this block's row, else from the same key in another block, else the code's fallback.
     */
    static String render(List<Setting> settings, String oldBlock, Map<String, String> oldBlocks,
                         List<String> sources, List<String> wiring) {
        Map<String, Row> own = oldBlock == null ? Map.of() : rows(oldBlock);
        StringBuilder out = new StringBuilder();
        if (sources != null) {
            out.append("Read from ").append(sources.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")))
                    .append(".\n\n");
        }
        out.append(HEADER);
        for (Setting s : settings) {
            out.append(row(s.withMeaning(meaning(s, own, oldBlocks), s.meaningFromCode()))).append('\n');
        }
        if (!wiring.isEmpty()) {
            out.append("\nWiring, not settings (the code relies on these values; do not set them from the environment): ")
                    .append(wiring.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")))
                    .append(".\n");
        }
        return out.toString();
    }

    static String meaning(Setting s, Map<String, Row> own, Map<String, String> oldBlocks) {
        if (s.meaningFromCode() && s.meaning() != null) {
            return s.meaning();
        }
        Row row = own.get(s.key());
        if (row != null && !row.meaning().isBlank()) {
            return row.meaning();
        }
        for (String block : oldBlocks.values()) {
            Row other = rows(block).get(s.key());
            if (other != null && !other.meaning().isBlank()) {
                return other.meaning();
            }
        }
        return s.meaning() == null ? "" : s.meaning();
    }

    /** A setting as a table row. */
    static String row(Setting s) {
        String property = s.property() != null ? "`" + s.property() + "`"
                : s.usedIn().isEmpty() ? "—"
                : "(in " + s.usedIn().stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")) + ")";
        String env = s.env() == null ? "properties file only" : "`" + s.env() + "`";
        if (!s.otherEnv().isEmpty()) {
            env += " (or " + s.otherEnv().stream().map(e -> "`" + e + "`").collect(Collectors.joining(", ")) + ")";
        }
        String meaning = s.meaning() == null ? "" : s.meaning().replaceAll("(?<!\\\\)\\|", "\\\\|");
        if (s.production() != null) {
            meaning = s.production() + (meaning.isEmpty() ? "" : " " + meaning);
        }
        return "| " + property + " | " + env + " | " + s.defaultValue() + " | " + meaning + " |";
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String body = line.strip();
        body = body.substring(1, body.endsWith("|") && !body.endsWith("\\|") ? body.length() - 1 : body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
                cell.append("\\|");
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    private static String firstCode(String cell) {
        Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
        return m.find() ? m.group(1) : cell;
    }
}
