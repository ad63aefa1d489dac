package dev.surety.detector.config;

import dev.surety.detector.alerting.AlertMapper;
import dev.surety.detector.alerting.AlertMetrics;
import dev.surety.detector.alerting.AlertNotifier;
import dev.surety.detector.alerting.AlertRouter;
import dev.surety.detector.alerting.AlertSender;
import dev.surety.detector.alerting.Backoff;
import dev.surety.detector.repository.DetectorStoreRepository;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the alerting components from {@link AlertingConfig}; they are plain classes so tests need no CDI. */
@ApplicationScoped
public class AlertingProducer {

    /** Firing alerts stay active this many re-send intervals without being sent again (Prometheus uses 4). */
    static final int LIFETIME_INTERVALS = 4;

    // Built at startup so a bad target URL or an empty secret stops the service instead of the first alert.
    @Startup
    @Produces
    @ApplicationScoped
    AlertRouter router(AlertingConfig config) {
        return AlertRouter.from(config);
    }

    @Produces
    @ApplicationScoped
    AlertMapper mapper(AlertingConfig config) {
        return new AlertMapper(config.externalUrl(), config.defaultSeverity(), config.noDataSeverity(),
                config.resendInterval().multipliedBy(LIFETIME_INTERVALS));
    }

    @Produces
    @ApplicationScoped
    AlertSender sender(AlertingConfig config, AlertMetrics metrics) {
        AlertingConfig.Retry retry = config.retry();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new AlertSender(client, new Backoff(retry.initialBackoff(), retry.maxBackoff(), retry.jitter()),
                retry.maxAttempts(), config.requestTimeout(), () -> ThreadLocalRandom.current().nextDouble(), metrics);
    }

    @Produces
    @ApplicationScoped
    AlertNotifier notifier(AlertRouter router, AlertMapper mapper, AlertSender sender, DetectorStoreRepository stores,
                           Clock clock, AlertMetrics metrics) {
        return new AlertNotifier(router, mapper, sender, stores::latestAgreement, clock, metrics, Duration.ofSeconds(60));
    }
}
