package dev.surety.detector.alerting;

import io.smallrye.mutiny.Uni;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Sends HTTP requests to alert targets without blocking any thread: the JDK client's async API
 * for the request, Mutiny timers for the pauses between attempts. Retries transient failures
 * (connection errors, timeouts, 408, 425, 429, 5xx) with exponential backoff and jitter up to
 * {@code maxAttempts}; gives up at once on other statuses. The returned {@link Uni} never fails:
 * it tells how the delivery ended, and the outcome is counted.
 */
public final class AlertSender {

    private static final Logger LOG = Logger.getLogger(AlertSender.class);

    /** How a delivery to one target ended. */
    public enum Outcome { DELIVERED, REJECTED, EXHAUSTED }

    private final HttpClient client;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Duration requestTimeout;
    private final DoubleSupplier random;
    private final AlertMetrics metrics;

    public AlertSender(HttpClient client, Backoff backoff, int maxAttempts, Duration requestTimeout,
                       DoubleSupplier random, AlertMetrics metrics) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1");
        }
        this.client = client;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.requestTimeout = requestTimeout;
        this.random = random;
        this.metrics = metrics;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Delivers with retries. {@code request} is called for every attempt (a webhook is signed
     * again with the attempt's timestamp).
     *
     * @param what names the notification in logs (event id), never a secret
     */
    public Uni<Outcome> deliver(AlertTarget target, Supplier<HttpRequest> request, String what) {
        return attempt(target, request, what, 1, maxAttempts, AlertMetrics.EVENT);
    }

    /** One attempt, no retry: for re-sends, which the next interval repeats anyway. */
    public Uni<Outcome> sendOnce(AlertTarget target, Supplier<HttpRequest> request, String what) {
        return attempt(target, request, what, 1, 1, AlertMetrics.RESEND);
    }

    private Uni<Outcome> attempt(AlertTarget target, Supplier<HttpRequest> request, String what, int attempt,
                                 int attempts, String trigger) {
        return Uni.createFrom().deferred(() -> Uni.createFrom()
                        .completionStage(client.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding())))
                .onItemOrFailure().transformToUni((response, failure) -> {
                    String problem;
                    if (failure == null) {
                        int status = response.statusCode();
                        if (status >= 200 && status < 300) {
                            metrics.delivered(target.type(), trigger);
                            return Uni.createFrom().item(Outcome.DELIVERED);
                        }
                        if (!retryable(status)) {
                            LOG.warnf("%s to %s rejected with HTTP %d; given up", what, target, status);
                            metrics.failed(target.type().tag(), trigger, AlertMetrics.REJECTED);
                            return Uni.createFrom().item(Outcome.REJECTED);
                        }
                        problem = "HTTP " + status;
                    } else {
                        problem = failure.getClass().getSimpleName();
                    }
                    if (attempt >= attempts) {
                        LOG.warnf("%s to %s failed (%s) after %d attempt(s); given up", what, target, problem, attempt);
                        metrics.failed(target.type().tag(), trigger, AlertMetrics.EXHAUSTED);
                        return Uni.createFrom().item(Outcome.EXHAUSTED);
                    }
                    Duration pause = backoff.delay(attempt, random.getAsDouble());
                    LOG.debugf("%s to %s failed (%s), attempt %d; next in %s", what, target, problem, attempt, pause);
                    metrics.retried(target.type());
                    Uni<Void> wait = pause.isZero() ? Uni.createFrom().voidItem()
                            : Uni.createFrom().voidItem().onItem().delayIt().by(pause);
                    return wait.onItem().transformToUni(x -> attempt(target, request, what, attempt + 1, attempts, trigger));
                });
    }

    /** Statuses worth another try: the receiver may accept the same request later. */
    static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }
}
