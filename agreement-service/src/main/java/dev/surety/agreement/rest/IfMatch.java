package dev.surety.agreement.rest;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code If-Match} header of a write. The ETag of an agreement is its version as a
 * strong entity tag ({@code "3"}); the header must name exactly one. {@code *} is refused: it
 * would allow an edit without saying which version it was based on, i.e. a silent overwrite.
 */
final class IfMatch {

    static final String HEADER = "If-Match";
    private static final Pattern TAG = Pattern.compile("\\s*\"([1-9][0-9]{0,8})\"\\s*");

    private IfMatch() {
    }

    /**
     * @throws PreconditionRequiredException when the header is absent
     * @throws InvalidParameterException     when it is not one version tag
     */
    static int required(String header) {
        if (header == null || header.isBlank()) {
            throw new PreconditionRequiredException();
        }
        return parse(header);
    }

    /** The version named, or empty when the header is absent. */
    static OptionalInt optional(String header) {
        return header == null || header.isBlank() ? OptionalInt.empty() : OptionalInt.of(parse(header));
    }

    private static int parse(String header) {
        Matcher m = TAG.matcher(header);
        if (!m.matches()) {
            throw new InvalidParameterException(HEADER,
                    "must be the agreement's ETag, i.e. its version in double quotes such as \"3\"");
        }
        return Integer.parseInt(m.group(1));
    }
}
