package dev.surety.detector.streams;

import dev.surety.detector.config.DetectorConfig;

/**
 * What the topology needs to be built: the four topic names (from the catalog, renameable by config) and the
 * detector's settings ({@code surety.detector.*}). The settings are the configuration mapping itself, so their
 * defaults are written once, in {@code DetectorConfig}'s {@code @WithDefault}s; tests build one with SmallRye Config
 * from the same property names an operator sets.
 */
public record TopologySettings(
        String measurementsTopic,
        String agreementsTopic,
        String breachesTopic,
        String complianceTopic,
        DetectorConfig detector) {
}
