package dev.surety.portal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where the portal finds the services it reads, and how people sign in. */
@ConfigMapping(prefix = "surety.portal")
public interface PortalConfig {

    /** Base URL of agreement-service. */
    @WithDefault("http://localhost:8081")
    String agreementUrl();

    /** Base URL of measurement-ingest (shown to staff; the portal reads nothing from it today). */
    @WithDefault("http://localhost:8082")
    String ingestUrl();

    /** Base URL of breach-detector. */
    @WithDefault("http://localhost:8083")
    String detectorUrl();

    /** Base URL of credit-service. */
    @WithDefault("http://localhost:8084")
    String creditUrl();

    /** How long the portal waits for one backing-service call before it reports that part unavailable. */
    @WithDefault("PT5S")
    Duration backendTimeout();

    /** How many past periods the agreement page lists. */
    @WithDefault("24")
    int pastPeriods();

    /** The development login of the local stack. */
    DevLogin devLogin();

    /** Sign-in without an identity provider, for the local stack only. */
    interface DevLogin {

        /** Offer the demo users on /login and accept the session cookie; refused when the prod profile is active. */
        @WithDefault("false")
        boolean enabled();

        /** PKCS#8 PEM private key the development tokens are signed with (the local stack's keys/private-key.pem). */
        Optional<String> privateKeyLocation();

        /** Issuer of the development tokens; the services expect it. */
        @WithDefault("https://surety.local/devstack")
        String issuer();

        /** Demo users offered, each name:role[:tenant]. */
        @WithDefault("pat:provider-admin,olga:ops,bill:billing,alice:customer:acme,bob:customer:globex")
        List<String> users();

        /** Lifetime of a development session (and its token). */
        @WithDefault("PT8H")
        Duration sessionTtl();

        /** Name of the HttpOnly session cookie holding the development token. */
        @WithDefault("surety_dev_session")
        String cookieName();
    }
}
