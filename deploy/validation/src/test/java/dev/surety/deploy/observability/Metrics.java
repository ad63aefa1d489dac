package dev.surety.deploy.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks the metric names of PromQL expressions against {@link MetricCatalog}. */
final class Metrics {

    /** Series Prometheus makes itself: per target, and ALERTS for the alerting rules it evaluates. */
    static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped", "ALERTS");

    private Metrics() {
    }

    /**
     * Problems of one expression: a metric no service exposes, or one the job its selector names does not
     * expose; recording rules (names with ":") must be among {@code recorded}.
     */
    static List<String> problems(String where, String expr, Set<String> recorded) {
        List<String> problems = new ArrayList<>();
        List<PromQl.Selector> selectors = PromQl.selectors(expr);
        if (selectors.isEmpty()) {
            problems.add(where + ": selects no metric: " + expr);
        }
        for (PromQl.Selector s : selectors) {
            if (SYNTHETIC.contains(s.metric())) {
                continue;
            }
            if (s.metric().contains(":")) {
                if (!recorded.contains(s.metric())) {
                    problems.add(where + ": recording rule " + s.metric() + " is not recorded in surety-alerts.yml");
                }
                continue;
            }
            if (s.jobs().isEmpty()) {
                if (!MetricCatalog.exposedByAny().contains(s.metric())) {
                    problems.add(where + ": no service exposes " + s.metric());
                }
                continue;
            }
            for (String job : s.jobs()) {
                if (!Repository.SERVICES.contains(job)) {
                    problems.add(where + ": job " + job + " is not a Surety service");
                } else if (!MetricCatalog.exposedBy(job).contains(s.metric())) {
                    problems.add(where + ": " + job + " does not expose " + s.metric());
                }
            }
        }
        problems.addAll(labelProblems(where, expr));
        return problems;
    }

    /** Labels Prometheus adds to every series of a target. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance", "__name__");

    /**
     * Label names a query matches on or groups by that the selected metric's series do not carry, as far
     * as the reference scrapes and the code know its labels.
     */
    static List<String> labelProblems(String where, String expr) {
        List<String> problems = new ArrayList<>();
        for (PromQl.Selector s : PromQl.selectors(expr)) {
            for (String label : s.labels()) {
                check(problems, where, s, label, "matches on");
            }
        }
        for (PromQl.Grouping g : PromQl.groupings(expr)) {
            for (PromQl.Selector s : g.selectors()) {
                for (String label : g.labels()) {
                    check(problems, where, s, label, "groups by");
                }
            }
        }
        return problems;
    }

    private static void check(List<String> problems, String where, PromQl.Selector s, String label, String how) {
        if (TARGET_LABELS.contains(label) || SYNTHETIC.contains(s.metric()) || s.metric().contains(":")) {
            return;
        }
        List<String> jobs = s.jobs().isEmpty() ? Repository.SERVICES : s.jobs();
        boolean known = false;
        for (String job : jobs) {
            Set<String> labels = MetricCatalog.labels(job, s.metric());
            if (labels == null) {
                continue;
            }
            known = true;
            if (labels.contains(label)) {
                return;
            }
        }
        if (known) {
            problems.add(where + ": " + how + " label '" + label + "', which " + s.metric() + " does not carry");
        }
    }
}
