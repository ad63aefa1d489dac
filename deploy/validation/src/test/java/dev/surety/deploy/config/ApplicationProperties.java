package dev.surety.deploy.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code application.properties}: the base (non-profile) keys with their values, and
 * the expressions {@code ${NAME}} / {@code ${NAME:default}} their values hold.
 */
final class ApplicationProperties {

    /** {@code ${name}} or {@code ${name:default}}; nested expressions in defaults are not used by Surety. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    /** An environment variable, as opposed to a property, inside an expression: upper case, digits, underscores. */
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** One {@code ${...}} inside a value. */
    record Expression(String name, String defaultValue) {
        boolean isEnvironmentVariable() {
            return ENV_NAME.matcher(name).matches();
        }
    }

    private final Map<String, String> base;
    private final Map<String, String> comments;

    private ApplicationProperties(Map<String, String> base, Map<String, String> comments) {
        this.base = base;
        this.comments = comments;
    }

    static ApplicationProperties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        Map<String, String> base = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (!k.toString().startsWith("%")) {
                base.put(k.toString(), v.toString());
            }
        });
        return new ApplicationProperties(base, comments(file));
    }

    /**
     * The comment lines right above each key (no blank line between), as one line; section rules
     * such as {@code # --- Kafka ---} are left out.
     */
    private static Map<String, String> comments(Path file) {
        Map<String, String> comments = new TreeMap<>();
        List<String> block = new ArrayList<>();
        boolean continued = false;
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (continued) {
                    continued = l.endsWith("\\");
                    continue;
                }
                if (l.isEmpty()) {
                    block.clear();
                } else if (l.startsWith("#") || l.startsWith("!")) {
                    String text = l.substring(1).strip();
                    if (!text.matches("-{2,}.*|.*-{3,}")) {
                        block.add(text);
                    } else {
                        block.clear();
                    }
                } else {
                    String key = l.split("\\s*[=:]\\s*|\\s+", 2)[0];
                    if (!block.isEmpty() && !key.startsWith("%")) {
                        comments.put(key, String.join(" ", block));
                    }
                    block.clear();
                    continued = l.endsWith("\\");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return comments;
    }

    /** The comment right above a base key, or {@code null}. */
    String comment(String key) {
        return comments.get(key);
    }

    /** Base keys and values, sorted by key. */
    Map<String, String> base() {
        return base;
    }

    static List<Expression> expressions(String value) {
        List<Expression> found = new ArrayList<>();
        Matcher m = EXPRESSION.matcher(value);
        while (m.find()) {
            found.add(new Expression(m.group(1), m.group(2)));
        }
        return found;
    }

    /** The expression when the whole value is one, e.g. {@code ${SURETY_DB_USER:postgres}}. */
    static Expression whole(String value) {
        Matcher m = EXPRESSION.matcher(value.strip());
        return m.matches() ? new Expression(m.group(1), m.group(2)) : null;
    }

    /** Environment variables read inside base values, each with the properties reading it (in key order). */
    Map<String, Map<String, String>> environmentReferences() {
        Map<String, Map<String, String>> byVariable = new LinkedHashMap<>();
        base.forEach((key, value) -> {
            for (Expression e : expressions(value)) {
                if (e.isEnvironmentVariable()) {
                    byVariable.computeIfAbsent(e.name(), n -> new LinkedHashMap<>()).put(key, e.defaultValue());
                }
            }
        });
        return byVariable;
    }
}
