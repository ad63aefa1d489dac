package dev.surety.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tunables of raw-metric validation and routing. */
@ConfigMapping(prefix = "surety.ingest")
public interface IngestConfig {

    /**
     * How far a sample's timestamp may lie ahead of this service's clock before the sample is
     * rejected; absorbs clock skew between agents and Surety.
     */
    @WithDefault("PT5M")
    Duration maxFutureSkew();
}
