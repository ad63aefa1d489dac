package dev.surety.deploy.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the metric names a PromQL expression selects, with the {@code job} its selector pins (if
 * any). A small scanner, not a parser: it skips functions and aggregations (an identifier followed by
 * "("), grouping lists ({@code by (...)}, {@code on (...)} ...), range and subquery brackets, label
 * matchers, strings, numbers and Grafana variables. The syntax itself is promtool's business.
 */
public final class PromQl {

    /**
     * One vector selector: its metric name and the jobs it is limited to — an exact {@code job="a"} or an
     * alternation {@code job=~"a|b"} of plain names — or an empty list when it names no job.
     */
    public record Selector(String metric, List<String> jobs, Set<String> labels) {

        public Selector(String metric, List<String> jobs) {
            this(metric, jobs, Set.of());
        }

        /** Equality on metric and jobs only: tests write selectors without their matcher labels. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Selector s && s.metric.equals(metric) && s.jobs.equals(jobs);
        }

        @Override
        public int hashCode() {
            return metric.hashCode() * 31 + jobs.hashCode();
        }
    }

    /** An aggregation's {@code by (...)} labels and the selectors of the expression it aggregates. */
    public record Grouping(List<String> labels, List<Selector> selectors) {
    }

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group", "limitk", "limit_ratio");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

    private PromQl() {
    }

    public static List<Selector> selectors(String expr) {
        List<Selector> out = new ArrayList<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '[') {
                i = skipTo(expr, i, ']');
            } else if (c == '{') {
                // A selector without a name before it ({__name__=...}) is not used in Surety's files.
                int end = skipTo(expr, i, '}');
                i = end;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                char after = next < n ? expr.charAt(next) : ' ';
                if (GROUPING.contains(word)) {
                    if (after == '(') {
                        i = skipTo(expr, next, ')');
                    }
                } else if (AGGREGATIONS.contains(word)) {
                    // "sum by (job) (...)" or "sum(...)": never a metric here
                    i = next;
                } else if (KEYWORDS.contains(word.toLowerCase())) {
                    if (word.equals("offset")) {
                        i = skipWord(expr, next);
                    }
                } else if (after == '(') {
                    // a function or an aggregation: its arguments are scanned on
                    i = next;
                } else if (after == '{') {
                    int end = skipTo(expr, next, '}');
                    String matchers = expr.substring(next + 1, end - 1);
                    out.add(new Selector(word, job(matchers), labelNames(matchers)));
                    i = end;
                } else {
                    out.add(new Selector(word, List.of()));
                }
            } else if (c == '$') {
                i = skipWord(expr, i + 1);
            } else if (Character.isDigit(c) || c == '.') {
                i = skipWord(expr, i);
            } else {
                i++;
            }
        }
        return out;
    }

    /** Every {@code <aggregation> by (labels) (expression)} of an expression. */
    public static List<Grouping> groupings(String expr) {
        List<Grouping> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\b(?:" + String.join("|", AGGREGATIONS) + ")\\s+by\\s*\\(([^)]*)\\)\\s*\\(").matcher(expr);
        while (m.find()) {
            int open = m.end() - 1;
            int close = skipTo(expr, open, ')');
            List<String> labels = new ArrayList<>();
            for (String l : m.group(1).split(",")) {
                if (!l.isBlank()) {
                    labels.add(l.strip());
                }
            }
            out.add(new Grouping(labels, selectors(expr.substring(open + 1, close - 1))));
        }
        return out;
    }

    /** Label names a matcher list tests. */
    static Set<String> labelNames(String matchers) {
        Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)\\s*\"(?:[^\"\\\\]|\\\\.)*\"").matcher(matchers);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The jobs a matcher list limits a selector to (see {@link Selector}). */
    static List<String> job(String matchers) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|,)\\s*job\\s*(=~?)\\s*\"([^\"]*)\"").matcher(matchers);
        if (!m.find()) {
            return List.of();
        }
        if (m.group(1).equals("=")) {
            return List.of(m.group(2));
        }
        return m.group(2).matches("[a-z0-9-]+(\\|[a-z0-9-]+)*") ? List.of(m.group(2).split("\\|")) : List.of();
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipWord(String s, int i) {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    /** Index after the bracket closing the one at {@code i}, strings inside skipped. */
    private static int skipTo(String s, int i, char close) {
        char open = s.charAt(i);
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(s, i);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close) {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        throw new IllegalArgumentException("unbalanced " + open + " in: " + s);
    }
}
