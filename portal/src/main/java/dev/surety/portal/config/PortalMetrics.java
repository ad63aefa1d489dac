package dev.surety.portal.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Registers the portal's business counters at start-up, so {@code /q/metrics} shows them at zero
 * before the first sign-in or claim (resources are created lazily, on their first request).
 */
@ApplicationScoped
public class PortalMetrics {

    void register(@Observes StartupEvent start, MeterRegistry meters) {
        meters.counter("surety.portal.logins.succeeded");
        meters.counter("surety.portal.claims.submitted");
    }
}
