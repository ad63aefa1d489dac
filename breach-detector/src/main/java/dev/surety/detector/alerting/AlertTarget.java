package dev.surety.detector.alerting;

import java.net.URI;

/**
 * One place notifications are pushed to: an Alertmanager (v2 API) or a webhook with its signing
 * secret. {@link #toString()} never shows the secret, the URL's user info or its query.
 */
public record AlertTarget(Type type, URI url, String secret) {

    /** Kind of target; {@link #tag()} is the {@code target} tag of the alert metrics. */
    public enum Type {
        ALERTMANAGER("alertmanager"),
        WEBHOOK("webhook");

        private final String tag;

        Type(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    public static AlertTarget alertmanager(URI baseUrl) {
        return new AlertTarget(Type.ALERTMANAGER, baseUrl, null);
    }

    public static AlertTarget webhook(URI url, String secret) {
        return new AlertTarget(Type.WEBHOOK, url, secret);
    }

    /** Where requests go: Alertmanager's {@code /api/v2/alerts} under its base URL, or the webhook URL itself. */
    public URI endpoint() {
        if (type == Type.WEBHOOK) {
            return url;
        }
        String base = url.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/api/v2/alerts");
    }

    /** Scheme, host, port and path only: safe for logs. */
    public String display() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    @Override
    public String toString() {
        return type.tag() + " " + display();
    }
}
