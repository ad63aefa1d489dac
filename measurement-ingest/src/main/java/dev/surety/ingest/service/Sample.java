package dev.surety.ingest.service;

import dev.surety.events.RawMetric;
import java.util.List;

/**
 * One sample of a raw payload as read, before validation.
 *
 * @param index      position in the payload (0 for a single object)
 * @param path       JSON path prefix used in reasons: {@code samples[i]} in a batch, empty for a single object
 * @param metric     the fields that could be read (unreadable ones are null)
 * @param violations problems found while reading, already prefixed with their field path
 */
public record Sample(int index, String path, RawMetric metric, List<String> violations) {

    public Sample {
        violations = List.copyOf(violations);
    }

    /** The path of a field of this sample, e.g. {@code samples[2].total} or {@code total}. */
    public String field(String name) {
        return fieldPath(path, name);
    }

    static String fieldPath(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
