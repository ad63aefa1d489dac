package dev.surety.credit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of credit-service under {@code surety.credit}. */
@ConfigMapping(prefix = "surety.credit")
public interface CreditConfig {

    /** CloudEvents {@code source} attribute of the events this service publishes. */
    @WithDefault("/surety/credit-service")
    String eventSource();

    /** The outbox relay that publishes issued credits. */
    Outbox outbox();

    /** How incoming records are retried when the database is unavailable. */
    Consumer consumer();

    /** Decoded agreement versions kept in memory (versions are immutable once stored). */
    AgreementCache agreementCache();

    interface Outbox {
        /**
         * Longest pause between two relay runs. A run also starts right after the compliance
         * consumer commits a credit, and drains full batches back to back.
         */
        @WithDefault("0.25s")
        Duration interval();

        /** Most outbox rows published and marked per transaction. */
        @WithDefault("500")
        int batchSize();

        /** How long shutdown waits for a relay run in flight before the connection pool closes. */
        @WithDefault("10s")
        Duration shutdownTimeout();
    }

    interface Consumer {
        /** First wait before a record whose transaction failed for a transient reason is retried. */
        @WithDefault("0.2s")
        Duration retryInitialBackoff();

        /** Longest wait between retries; retries go on until the database answers again. */
        @WithDefault("10s")
        Duration retryMaxBackoff();
    }

    interface AgreementCache {
        /**
         * Most agreements whose decoded versions are kept (least recently used dropped first); 0
         * keeps none, and every settlement decodes the versions it needs from the database.
         */
        @WithDefault("20000")
        int maxAgreements();
    }
}
