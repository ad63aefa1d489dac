package dev.surety.detector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how ops are told about breaches ({@code surety.detector.alerting.*}): the default
 * targets every tenant's events go to, per-tenant targets, and the delivery policy.
 */
@ConfigMapping(prefix = "surety.detector.alerting")
public interface AlertingConfig {

    /** Base URL of this detector as ops reach it; alerts link to {@code <external-url>/v1/status/<agreementId>}. */
    @WithDefault("http://localhost:8083")
    String externalUrl();

    /** Default Alertmanager: receives the alerts of every tenant (unless the tenant sets include-defaults=false). */
    Optional<Alertmanager> alertmanager();

    /** Default webhooks: receive the events of every tenant (unless the tenant sets include-defaults=false). */
    Optional<List<Webhook>> webhooks();

    /** Targets of one tenant, keyed by the tenant id ({@code tenants."acme".webhooks[0].url}). */
    Map<String, Tenant> tenants();

    /** Timeout of one HTTP request to a target (connect and response). */
    @WithDefault("PT5S")
    Duration requestTimeout();

    /** Retry policy of event deliveries. */
    Retry retry();

    /**
     * How often the open breaches and silent episodes in the detector's state are sent to
     * Alertmanager again; each firing alert says it ends 4 intervals later unless sent again.
     */
    @WithDefault("PT1M")
    Duration resendInterval();

    /** Severity label of threshold breaches and of burn-rate rules that name no severity. */
    @WithDefault("critical")
    String defaultSeverity();

    /** Severity label of no-data (silent source) alerts. */
    @WithDefault("warning")
    String noDataSeverity();

    /** An Alertmanager (v2 API). */
    interface Alertmanager {
        /** Base URL, e.g. {@code http://alertmanager:9093}; alerts are POSTed to {@code <url>/api/v2/alerts}. */
        String url();
    }

    /** A generic webhook receiving signed CloudEvents. */
    interface Webhook {
        /** URL the events are POSTed to. */
        String url();

        /** HMAC-SHA256 key (UTF-8) the body is signed with; never logged. */
        String secret();
    }

    /** The targets of one tenant. */
    interface Tenant {
        /** Whether this tenant's events also go to the default targets. */
        @WithDefault("true")
        boolean includeDefaults();

        /** This tenant's own Alertmanager. */
        Optional<Alertmanager> alertmanager();

        /** This tenant's own webhooks. */
        Optional<List<Webhook>> webhooks();
    }

    /** Exponential backoff with jitter between attempts, up to a bound. */
    interface Retry {
        /** Attempts per event and target, the first one included; then the delivery is given up and counted. */
        @WithDefault("6")
        int maxAttempts();

        /** Pause after the first failed attempt; doubled after each further one. */
        @WithDefault("PT0.5S")
        Duration initialBackoff();

        /** Longest pause between two attempts. */
        @WithDefault("PT30S")
        Duration maxBackoff();

        /** Share of each pause that is random (0 none, 1 all): the pause is uniform in [(1 - jitter) * backoff, backoff]. */
        @WithDefault("0.5")
        double jitter();
    }
}
