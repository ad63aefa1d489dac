package dev.surety.deploy.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of Java's syntax to read configuration interfaces without a parser library: the
 * members of an interface body (Javadoc, annotations, type, name), with strings, characters and
 * comments skipped wherever braces and parentheses are counted.
 */
final class JavaSource {

    /** One abstract method of an interface body ({@code Duration grace();}). */
    record Member(String javadoc, Map<String, String> annotations, String type, String name) {
    }

    private static final Pattern METHOD = Pattern.compile("(?s)(.+?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?");
    private static final Pattern MODIFIERS = Pattern.compile("\\b(?:public|abstract)\\s+");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("(?s).*\\b(?:interface|class|enum|record)\\s+(\\w+).*");

    private final String text;
    private int pos;

    private JavaSource(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /** Every interface declared in a source (nested ones too), by simple name, with its body. */
    static Map<String, String> interfaces(String source) {
        Map<String, String> found = new LinkedHashMap<>();
        String code = blankCommentsAndStrings(source);
        Matcher m = Pattern.compile("\\binterface\\s+(\\w+)[^{;]*\\{").matcher(code);
        while (m.find()) {
            int open = m.end() - 1;
            int close = matching(code, open);
            found.putIfAbsent(m.group(1), source.substring(open + 1, close));
        }
        return found;
    }

    /** The abstract methods of an interface body; nested types and default or static methods are skipped. */
    static List<Member> members(String body) {
        return new JavaSource(body, 0).members();
    }

    private List<Member> members() {
        List<Member> members = new ArrayList<>();
        String javadoc = null;
        Map<String, String> annotations = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                return members;
            }
            if (text.startsWith("/**", pos)) {
                int end = text.indexOf("*/", pos + 3);
                javadoc = text.substring(pos + 3, end);
                pos = end + 2;
            } else if (text.startsWith("/*", pos)) {
                pos = text.indexOf("*/", pos + 2) + 2;
            } else if (text.startsWith("//", pos)) {
                skipLine();
            } else if (text.charAt(pos) == '@' && !text.startsWith("@interface", pos)) {
                pos++;
                int start = pos;
                while (pos < text.length() && (Character.isJavaIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
                    pos++;
                }
                String name = text.substring(start, pos);
                name = name.substring(name.lastIndexOf('.') + 1);
                skipSpace();
                String args = "";
                if (pos < text.length() && text.charAt(pos) == '(') {
                    int close = matchingIn(text, pos);
                    args = text.substring(pos + 1, close);
                    pos = close + 1;
                }
                annotations.put(name, args);
            } else {
                int start = pos;
                int end = declarationEnd();
                String declaration = text.substring(start, end).strip();
                if (text.charAt(end) == '{') {
                    pos = matchingIn(text, end) + 1;
                } else {
                    pos = end + 1;
                    Matcher method = METHOD.matcher(declaration);
                    boolean skipped = declaration.matches("(?s).*\\b(?:static|default|private)\\b.*")
                            || TYPE_DECLARATION.matcher(declaration).matches();
                    if (!skipped && method.matches()) {
                        String type = MODIFIERS.matcher(method.group(1)).replaceAll("").strip();
                        members.add(new Member(javadoc, annotations, type, method.group(2)));
                    }
                }
                javadoc = null;
                annotations = new LinkedHashMap<>();
            }
        }
    }

    /** Index of the {@code ;} or {@code {} ending the declaration at pos. */
    private int declarationEnd() {
        int i = pos;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = stringEnd(text, i);
                continue;
            }
            if (c == ';' || c == '{') {
                return i;
            }
            i++;
        }
        throw new IllegalStateException("unterminated declaration: " + text.substring(pos));
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void skipLine() {
        int end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length() : end + 1;
    }

    /** The Java string literals of annotation arguments, unescaped: {@code name = "a", defaultValue = "b"}. */
    static Map<String, String> stringArguments(String args) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?:(\\w+)\\s*=\\s*)?\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(args);
        while (m.find()) {
            values.put(m.group(1) == null ? "value" : m.group(1), unescape(m.group(2)));
        }
        return values;
    }

    static String unescape(String literal) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length()) {
                char n = literal.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Javadoc as reference text: the description before the block tags, one line, {@code {@code x}} as
     * {@code `x`}, links as their text, HTML tags dropped.
     */
    static String javadocText(String javadoc) {
        if (javadoc == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (String line : javadoc.split("\n")) {
            String l = line.strip();
            if (l.startsWith("*")) {
                l = l.substring(1).strip();
            }
            if (l.startsWith("@")) {
                break;
            }
            text.append(l).append(' ');
        }
        // code spans are set aside first so that the HTML tags dropped below cannot eat their <placeholders>
        List<String> code = new ArrayList<>();
        Matcher m = Pattern.compile("\\{@(?:code|literal)\\s+([^}]*)}").matcher(text);
        StringBuilder t0 = new StringBuilder();
        while (m.find()) {
            code.add("`" + m.group(1).strip() + "`");
            m.appendReplacement(t0, "\u0000" + (code.size() - 1) + "\u0000");
        }
        m.appendTail(t0);
        String t = t0.toString();
        t = t.replaceAll("\\{@link(?:plain)?\\s+[^}\\s]+\\s+([^}]*)}", "$1");
        t = t.replaceAll("\\{@link(?:plain)?\\s+(?:[\\w.]*#)?([^}]*)}", "`$1`");
        t = t.replaceAll("</?[a-zA-Z][^>]*>", "");
        t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        for (int i = 0; i < code.size(); i++) {
            t = t.replace("\u0000" + i + "\u0000", code.get(i));
        }
        t = t.replaceAll("\\s+", " ").strip();
        // one style with the meanings written in the reference: no closing full stop
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /** The source with comments, strings and character literals blanked (same length), to count braces. */
    static String blankCommentsAndStrings(String source) {
        char[] out = source.toCharArray();
        int i = 0;
        while (i < out.length) {
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                end = end < 0 ? out.length : end;
                blank(out, i, end);
                i = end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2) + 2;
                blank(out, i, end);
                i = end;
            } else if (out[i] == '"' || out[i] == '\'') {
                int end = stringEnd(source, i);
                blank(out, i + 1, end - 1);
                i = end;
            } else {
                i++;
            }
        }
        return new String(out);
    }

    private static void blank(char[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            if (out[i] != '\n') {
                out[i] = ' ';
            }
        }
    }

    /** Index just after the string, text block or character literal starting at i. */
    private static int stringEnd(String s, int i) {
        if (s.startsWith("\"\"\"", i)) {
            return s.indexOf("\"\"\"", i + 3) + 3;
        }
        char quote = s.charAt(i);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != quote) {
            j += s.charAt(j) == '\\' ? 2 : 1;
        }
        return j + 1;
    }

    /** Index of the bracket closing the one at open, in code already blanked of comments and strings. */
    private static int matching(String code, int open) {
        char o = code.charAt(open);
        char c = o == '{' ? '}' : o == '(' ? ')' : ']';
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == o) {
                depth++;
            } else if (code.charAt(i) == c && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced " + o);
    }

    /** Index of the bracket closing the one at open, in raw text (comments and strings skipped). */
    private static int matchingIn(String text, int open) {
        int close = matching(blankCommentsAndStrings(text.substring(open)), 0);
        return open + close;
    }
}
