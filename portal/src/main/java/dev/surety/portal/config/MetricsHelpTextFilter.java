package dev.surety.portal.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;

/**
 * Keeps {@code /q/metrics} parseable by Prometheus: the exposition writer escapes double quotes in
 * HELP text as OpenMetrics does, which the Prometheus text format (and {@code promtool check
 * metrics}) rejects, so quotes in meter descriptions become single quotes.
 */
@Singleton
@Unremovable
public class MetricsHelpTextFilter implements MeterFilter {

    @Override
    public Meter.Id map(Meter.Id id) {
        String description = id.getDescription();
        if (description == null || description.indexOf('"') < 0) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                description.replace('"', '\''), id.getType());
    }
}
