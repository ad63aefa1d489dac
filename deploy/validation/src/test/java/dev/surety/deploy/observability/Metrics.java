package dev.surety.deploy.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks the metric names of PromQL expressions against {@link MetricCatalog}. */
final class Metrics {

    /** Series Prometheus makes itself for every target. */
    static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

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
        return problems;
    }
}
