package dev.surety.detector.metrics;

import dev.surety.detector.alerting.AlertMetrics;
import dev.surety.detector.alerting.AlertTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Alert delivery counters: {@code surety_alert_delivered_total{target,trigger}},
 * {@code surety_alert_failed_total{target,trigger,reason}}, {@code surety_alert_retried_total{target}}.
 * The common series are registered up front so they read 0 before the first alert.
 */
@Startup
@ApplicationScoped
public class MicrometerAlertMetrics implements AlertMetrics {

    private final MeterRegistry registry;

    MicrometerAlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (AlertTarget.Type type : AlertTarget.Type.values()) {
            deliveredCounter(type.tag(), EVENT);
            failedCounter(type.tag(), EVENT, EXHAUSTED);
            failedCounter(type.tag(), EVENT, REJECTED);
            retriedCounter(type.tag());
        }
        deliveredCounter(AlertTarget.Type.ALERTMANAGER.tag(), RESEND);
    }

    @Override
    public void delivered(AlertTarget.Type target, String trigger) {
        deliveredCounter(target.tag(), trigger).increment();
    }

    @Override
    public void failed(String target, String trigger, String reason) {
        failedCounter(target, trigger, reason).increment();
    }

    @Override
    public void retried(AlertTarget.Type target) {
        retriedCounter(target.tag()).increment();
    }

    private Counter deliveredCounter(String target, String trigger) {
        return Counter.builder("surety.alert.delivered").tag("target", target).tag("trigger", trigger)
                .description("Notifications a target accepted").register(registry);
    }

    private Counter failedCounter(String target, String trigger, String reason) {
        return Counter.builder("surety.alert.failed").tag("target", target).tag("trigger", trigger).tag("reason", reason)
                .description("Notifications given up: rejected, retries exhausted or unreadable event").register(registry);
    }

    private Counter retriedCounter(String target) {
        return Counter.builder("surety.alert.retried").tag("target", target)
                .description("Failed delivery attempts followed by another attempt").register(registry);
    }
}
