package dev.surety.detector;

import dev.surety.detector.alerting.RecordingServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The targets the detector alerts in tests: a real Alertmanager (Debian's
 * {@code prometheus-alertmanager}, started on a free port with its own storage under
 * {@code target/}, clustering off) as the default target of every tenant, and a local webhook
 * receiver with one path per tenant (acme, globex). Started once per test JVM; the Alertmanager
 * process is stopped by its PID when the tests end.
 */
public class AlertTargetsResource implements QuarkusTestResourceLifecycleManager {

    public static final String ALERTMANAGER_BINARY = "/usr/bin/prometheus-alertmanager";
    public static final String ACME_SECRET = "acme-webhook-secret";
    public static final String GLOBEX_SECRET = "globex-webhook-secret";

    private static Process alertmanager;
    private static String alertmanagerUrl;
    private static RecordingServer webhooks;

    /** Base URL of the running Alertmanager. */
    public static synchronized String alertmanagerUrl() {
        if (alertmanager == null) {
            startAlertmanager();
        }
        return alertmanagerUrl;
    }

    /** The webhook receiver (paths /acme and /globex). */
    public static synchronized RecordingServer webhooks() {
        if (webhooks == null) {
            webhooks = RecordingServer.start();
        }
        return webhooks;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "surety.detector.alerting.alertmanager.url", alertmanagerUrl(),
                "surety.detector.alerting.tenants.\"acme\".webhooks[0].url", webhooks().url("/acme").toString(),
                "surety.detector.alerting.tenants.\"acme\".webhooks[0].secret", ACME_SECRET,
                "surety.detector.alerting.tenants.\"globex\".webhooks[0].url", webhooks().url("/globex").toString(),
                "surety.detector.alerting.tenants.\"globex\".webhooks[0].secret", GLOBEX_SECRET,
                "surety.detector.alerting.resend-interval", "PT2S",
                "surety.detector.alerting.retry.initial-backoff", "PT0.1S",
                "surety.detector.alerting.retry.max-backoff", "PT1S",
                // Enough attempts (about 30 s) for AlertingTest to look at the offset while a webhook refuses.
                "surety.detector.alerting.retry.max-attempts", "30");
    }

    @Override
    public synchronized void stop() {
        if (alertmanager != null) {
            alertmanager.destroy();
            try {
                if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                    alertmanager.destroyForcibly();
                }
            } catch (InterruptedException e) {
                alertmanager.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            alertmanager = null;
        }
        if (webhooks != null) {
            webhooks.close();
            webhooks = null;
        }
    }

    private static void startAlertmanager() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "alertmanager-" + UUID.randomUUID()));
            Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                    route:
                      receiver: blackhole
                      group_wait: 1s
                    receivers:
                      - name: blackhole
                    """);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            alertmanagerUrl = "http://127.0.0.1:" + port;
            alertmanager = new ProcessBuilder(List.of(ALERTMANAGER_BINARY,
                    "--config.file=" + config.toAbsolutePath(),
                    "--storage.path=" + dir.resolve("data").toAbsolutePath(),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=",
                    "--log.level=warn"))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("alertmanager.log").toFile())
                    .start();
            // Should the JVM end without stop() (a crash, an interrupted build), the process still goes.
            Process started = alertmanager;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
            HttpClient client = HttpClient.newHttpClient();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!alertmanager.isAlive()) {
                    throw new IllegalStateException("Alertmanager exited with " + alertmanager.exitValue()
                            + "; see " + dir.resolve("alertmanager.log"));
                }
                try {
                    return client.send(HttpRequest.newBuilder(URI.create(alertmanagerUrl + "/-/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
