package dev.surety.deploy.config;

import java.util.regex.Pattern;

/**
 * The MicroProfile Config rule by which an environment variable names a property: every character
 * that is not an ASCII letter or digit becomes {@code _}, the rest is upper-cased
 * ({@code surety.detector.grace} → {@code SURETY_DETECTOR_GRACE}). A list index written {@code [i]}
 * in a property stands for any index: {@code webhooks[i].url} → {@code WEBHOOKS_<i>__URL}.
 */
final class EnvNames {

    static final String INDEX = "[i]";
    static final String ENV_INDEX = "<i>";

    private EnvNames() {
    }

    /** The environment variable of a property; {@code [i]} becomes {@code <i>}. */
    static String of(String property) {
        StringBuilder env = new StringBuilder();
        String[] parts = property.split(Pattern.quote(INDEX), -1);
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                env.append('_').append(ENV_INDEX).append('_');
            }
            for (char c : parts[p].toCharArray()) {
                env.append(isAsciiAlphanumeric(c) ? Character.toUpperCase(c) : '_');
            }
        }
        return env.toString();
    }

    /** Whether a concrete variable ({@code WEBHOOKS_0__URL}) is an instance of a name that may hold {@code <i>}. */
    static boolean matches(String name, String variable) {
        if (!name.contains(ENV_INDEX)) {
            return name.equals(variable);
        }
        return pattern(name).matcher(variable).matches();
    }

    static Pattern pattern(String name) {
        StringBuilder regex = new StringBuilder();
        String[] parts = name.split(Pattern.quote(ENV_INDEX), -1);
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                regex.append("[0-9]+");
            }
            regex.append(Pattern.quote(parts[p]));
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
