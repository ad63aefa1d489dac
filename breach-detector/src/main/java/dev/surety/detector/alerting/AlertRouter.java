package dev.surety.detector.alerting;

import dev.surety.detector.config.AlertingConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which targets hear about a tenant's events: the default targets (unless the tenant
 * opts out) plus the tenant's own; never another tenant's. Built once from configuration, which
 * it checks (bad URLs, empty secrets) so a typo fails at startup rather than at the first breach.
 */
public final class AlertRouter {

    private static final String PREFIX = "surety.detector.alerting.";

    private final List<AlertTarget> defaults;
    private final Map<String, List<AlertTarget>> perTenant;

    public AlertRouter(List<AlertTarget> defaults, Map<String, List<AlertTarget>> perTenant) {
        this.defaults = List.copyOf(defaults);
        this.perTenant = Map.copyOf(perTenant);
    }

    public static AlertRouter from(AlertingConfig config) {
        List<AlertTarget> defaults = targets(PREFIX, config.alertmanager(), config.webhooks());
        Map<String, List<AlertTarget>> perTenant = new java.util.HashMap<>();
        config.tenants().forEach((tenant, t) -> {
            Set<AlertTarget> all = new LinkedHashSet<>();
            if (t.includeDefaults()) {
                all.addAll(defaults);
            }
            all.addAll(targets(PREFIX + "tenants.\"" + tenant + "\".", t.alertmanager(), t.webhooks()));
            perTenant.put(tenant, List.copyOf(all));
        });
        return new AlertRouter(defaults, perTenant);
    }

    /** Every target of this tenant's events; an event without tenant goes to the defaults only. */
    public List<AlertTarget> targets(String tenant) {
        if (tenant == null) {
            return defaults;
        }
        return perTenant.getOrDefault(tenant, defaults);
    }

    /** Whether any target of any tenant is an Alertmanager (then open alerts are re-sent). */
    public boolean anyAlertmanager() {
        return defaults.stream().anyMatch(t -> t.type() == AlertTarget.Type.ALERTMANAGER)
                || perTenant.values().stream().flatMap(List::stream)
                .anyMatch(t -> t.type() == AlertTarget.Type.ALERTMANAGER);
    }

    private static List<AlertTarget> targets(String prefix, Optional<AlertingConfig.Alertmanager> alertmanager,
                                             Optional<List<AlertingConfig.Webhook>> webhooks) {
        List<AlertTarget> targets = new ArrayList<>();
        alertmanager.ifPresent(a -> targets.add(AlertTarget.alertmanager(url(prefix + "alertmanager.url", a.url()))));
        List<AlertingConfig.Webhook> hooks = webhooks.orElse(List.of());
        for (int i = 0; i < hooks.size(); i++) {
            AlertingConfig.Webhook w = hooks.get(i);
            String name = prefix + "webhooks[" + i + "]";
            if (w.secret() == null || w.secret().isBlank()) {
                throw new IllegalArgumentException(name + ".secret must not be empty");
            }
            targets.add(AlertTarget.webhook(url(name + ".url", w.url()), w.secret()));
        }
        return targets;
    }

    private static URI url(String property, String value) {
        try {
            URI uri = URI.create(value.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(property + " must be an absolute http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            // The message names the property only: a URL may carry credentials.
            throw new IllegalArgumentException(property + " must be an absolute http(s) URL");
        }
    }
}
