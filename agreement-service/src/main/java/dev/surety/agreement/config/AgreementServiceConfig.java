package dev.surety.agreement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of agreement-service ({@code surety.agreement.*}). */
@ConfigMapping(prefix = "surety.agreement")
public interface AgreementServiceConfig {

    /** CloudEvents {@code source} attribute of every event this service publishes. */
    @WithDefault("/surety/agreement-service")
    String eventSource();

    /** The transactional outbox and its relay. */
    Outbox outbox();

    interface Outbox {

        /**
         * How often the relay looks for unpublished events (it is also woken at once when this
         * instance commits a change).
         */
        @WithDefault("250ms")
        Duration relayInterval();

        /** Most events one relay pass locks and publishes in one database transaction. */
        @WithDefault("100")
        int batchSize();

        /**
         * How long the relay waits for the broker to acknowledge one event before it gives up the
         * pass (and its row locks); the event is sent again on a later pass.
         */
        @WithDefault("PT30S")
        Duration sendTimeout();

        /** How long published events stay in the outbox table (for audit and replay) before purging. */
        @WithDefault("P7D")
        Duration retention();

        /** How often the purge of published events past retention runs ({@code @Scheduled} syntax). */
        @WithDefault("1h")
        String purgeInterval();

        /** How often the {@code surety_outbox_pending} gauge is refreshed ({@code @Scheduled} syntax). */
        @WithDefault("5s")
        String backlogInterval();
    }
}
