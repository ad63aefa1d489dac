package dev.surety.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counters of HTTP ingestion; every series registered at start so it is scraped at zero. */
@Startup
@ApplicationScoped
public class HttpIngestMetrics {

    /** Reasons a request is refused, as the {@code reason} tag of surety.metrics.http.rejected. */
    public static final String INVALID = "invalid";
    public static final String UNPARSEABLE = "unparseable";
    public static final String TOO_LARGE = "too-large";
    public static final String NO_TENANT = "no-tenant";
    public static final String NOT_ACKNOWLEDGED = "not-acknowledged";
    public static final String UNSUPPORTED = "unsupported-media-type";
    public static final String BUSY = "busy";

    private final Counter accepted;
    private final Map<String, Counter> rejected = new LinkedHashMap<>();

    public HttpIngestMetrics(MeterRegistry registry) {
        accepted = Counter.builder("surety.metrics.http.accepted")
                .description("Samples accepted over HTTP and acknowledged by the broker")
                .register(registry);
        for (String r : new String[] {INVALID, UNPARSEABLE, TOO_LARGE, NO_TENANT, NOT_ACKNOWLEDGED, UNSUPPORTED, BUSY}) {
            rejected.put(r, Counter.builder("surety.metrics.http.rejected")
                    .description("HTTP ingestion requests refused, by reason")
                    .tag("reason", r)
                    .register(registry));
        }
    }

    public void accepted(int samples) {
        accepted.increment(samples);
    }

    public void rejected(String reason) {
        rejected.get(reason).increment();
    }
}
