package dev.surety.detector.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.surety.detector.config.StatusConfig;
import dev.surety.detector.rest.ObjectiveHistory;
import dev.surety.detector.rest.ObjectiveStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;

/**
 * Asks the detector instance that owns an objective's state for that objective's status, over
 * its public endpoint, with the caller's own bearer token (the owner checks role and tenant
 * again). A forwarded request carries {@link #FORWARDED_HEADER}, so it is never forwarded twice.
 */
// Created at startup so the forwarding counter is scraped at zero before the first forward.
@Startup
@ApplicationScoped
public class PeerStatusClient {

    /** Marks a request one detector instance sent to another. */
    public static final String FORWARDED_HEADER = "X-Surety-Forwarded-By";

    private static final Logger LOG = Logger.getLogger(PeerStatusClient.class);

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Counter forwarded;

    PeerStatusClient(ObjectMapper json, StatusConfig config, MeterRegistry registry) {
        this.json = json;
        this.timeout = config.forwardTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.forwarded = Counter.builder("surety.status.forwarded")
                .description("Objective status and history requests answered by the detector instance owning the state")
                .register(registry);
    }

    /**
     * The owner's answer for one objective, asynchronously. Fails with
     * {@link StatusUnavailableException} when the owner cannot answer now (unreachable, restoring,
     * not owning the key any more, or not knowing the agreement yet).
     */
    public CompletableFuture<ObjectiveStatus> objective(HostInfo owner, String self, String agreementId,
                                                        String objectiveId, String bearerToken) {
        return get(owner, self, objectivePath(agreementId, objectiveId), agreementId, objectiveId, bearerToken,
                ObjectiveStatus.class);
    }

    /** The owner's period history of one objective (current, or the previous period), failing as {@link #objective}. */
    public CompletableFuture<ObjectiveHistory> history(HostInfo owner, String self, String agreementId,
                                                       String objectiveId, boolean previous, String bearerToken) {
        return get(owner, self, objectivePath(agreementId, objectiveId) + "/history?period="
                + (previous ? "previous" : "current"), agreementId, objectiveId, bearerToken, ObjectiveHistory.class);
    }

    private static String objectivePath(String agreementId, String objectiveId) {
        return "/v1/status/" + segment(agreementId) + "/objectives/" + segment(objectiveId);
    }

    private <T> CompletableFuture<T> get(HostInfo owner, String self, String path, String agreementId,
                                         String objectiveId, String bearerToken, Class<T> type) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json")
                .header(FORWARDED_HEADER, self == null ? "unknown" : self);
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        forwarded.increment();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        LOG.warnf("detector instance %s did not answer for %s/%s: %s", owner, agreementId, objectiveId,
                                cause.toString());
                        throw new StatusUnavailableException("the instance owning the state did not answer", cause);
                    }
                    if (response.statusCode() != 200) {
                        // 404 there while the agreement is visible here means its global store lags behind.
                        LOG.warnf("detector instance %s answered %d for %s/%s", owner, response.statusCode(),
                                agreementId, objectiveId);
                        throw new StatusUnavailableException("the instance owning the state answered "
                                + response.statusCode(), null);
                    }
                    try {
                        return json.readValue(response.body(), type);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
