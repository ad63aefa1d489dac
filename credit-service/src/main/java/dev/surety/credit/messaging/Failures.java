package dev.surety.credit.messaging;

import dev.surety.credit.config.CreditConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Tells a poison record from a passing outage, and retries the latter.
 *
 * <p>Poison: the record itself cannot be processed (undecodable, impossible values, or PostgreSQL
 * rejecting its data: SQLSTATE classes 22 data exception, 23 integrity violation). Retrying would
 * block the partition forever, so the consumer logs it, counts it and moves on; the record stays
 * in the topic for replay. Everything else (connection loss, serialization failures, a database
 * that is down) is retried with exponential back-off until it succeeds, so an outage delays
 * credits but never drops one; the offset is not committed meanwhile.
 */
@ApplicationScoped
public class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class);

    private final CreditConfig config;

    public Failures(CreditConfig config) {
        this.config = config;
    }

    /** True when retrying cannot help. */
    public static boolean isPoison(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PgException pg) {
                String state = pg.getSqlState();
                return state != null && (state.startsWith("22") || state.startsWith("23"));
            }
            if (c instanceof IllegalArgumentException || c instanceof ArithmeticException
                    || c instanceof NullPointerException) {
                return true;
            }
        }
        return false;
    }

    /** Subscribes to {@code work} again after each transient failure, backing off. */
    public <T> Uni<T> retryTransient(String what, Supplier<Uni<T>> work) {
        return Uni.createFrom().<T>deferred(work::get)
                .onFailure(t -> !isPoison(t)).invoke(t -> LOG.warnf("%s failed, will retry: %s", what, t.toString()))
                .onFailure(t -> !isPoison(t)).retry()
                .withBackOff(config.consumer().retryInitialBackoff(), config.consumer().retryMaxBackoff())
                .indefinitely();
    }
}
