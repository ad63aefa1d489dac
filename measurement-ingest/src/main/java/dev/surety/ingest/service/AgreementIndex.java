package dev.surety.ingest.service;

import dev.surety.events.AgreementSnapshot;
import dev.surety.events.MetricSelector;
import dev.surety.events.ObjectiveSpec;
import dev.surety.events.RawMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agreement histories that could select a sample, looked up by the sample's service and metric. A selector
 * matches only its own service and metric (and a selector without them matches nothing), so an agreement none of
 * whose versions has an objective on the sample's service and metric can never yield a measurement, a mismatch or an
 * exclusion for it: routing against {@link #candidates} decides exactly what routing against every agreement did,
 * without judging every agreement for every sample. Immutable; candidates keep the order they were given in.
 */
public final class AgreementIndex {

    /** No agreements at all. */
    public static final AgreementIndex EMPTY = new AgreementIndex(Map.of());

    private final Map<ServiceMetric, List<AgreementHistory>> bySelector;

    private AgreementIndex(Map<ServiceMetric, List<AgreementHistory>> bySelector) {
        this.bySelector = bySelector;
    }

    /** Indexes every version of every history (null histories are skipped), in the given order. */
    public static AgreementIndex of(Iterable<AgreementHistory> histories) {
        Map<ServiceMetric, List<AgreementHistory>> index = new HashMap<>();
        for (AgreementHistory h : histories) {
            if (h == null) {
                continue;
            }
            for (AgreementSnapshot version : h.versions()) {
                if (version == null || version.objectives() == null) {
                    continue;
                }
                for (ObjectiveSpec o : version.objectives()) {
                    MetricSelector s = o == null ? null : o.selector();
                    if (s == null || s.service() == null || s.metric() == null) {
                        continue;
                    }
                    List<AgreementHistory> list = index.computeIfAbsent(new ServiceMetric(s.service(), s.metric()),
                            k -> new ArrayList<>());
                    // Several versions or objectives on the same pair name the history once.
                    if (list.isEmpty() || list.get(list.size() - 1) != h) {
                        list.add(h);
                    }
                }
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        return new AgreementIndex(Map.copyOf(index));
    }

    /** The histories with an objective, in any version, on the sample's service and metric; empty if none. */
    public List<AgreementHistory> candidates(RawMetric m) {
        if (m.service() == null || m.metric() == null) {
            return List.of();
        }
        return bySelector.getOrDefault(new ServiceMetric(m.service(), m.metric()), List.of());
    }

    private record ServiceMetric(String service, String metric) {
    }
}
