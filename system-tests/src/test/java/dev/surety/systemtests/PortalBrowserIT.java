package dev.surety.systemtests;

import static dev.surety.systemtests.StackClient.freePort;
import static dev.surety.systemtests.StackClient.get;
import static dev.surety.systemtests.StackClient.post;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.surety.devstack.Platform;
import dev.surety.devstack.Platform.Service;
import dev.surety.events.CloudEvents;
import dev.surety.events.EventCodec;
import dev.surety.events.EventType;
import dev.surety.events.RawMetric;
import dev.surety.events.Topic;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The portal in a real browser against the whole packaged platform: alice signs in, watches a breach
 * that published metrics produce move her projected credit, claims the credit the closed period earns
 * and downloads her statement; bob, another tenant, cannot reach her pages. Every step leaves a
 * screenshot under target/screenshots.
 */
class PortalBrowserIT {

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final Duration PERIOD = Duration.ofSeconds(90);
    private static Platform platform;
    private static StackClient stack;
    private static ChromeDriverService driverService;
    private static WebDriver browser;
    private static Path screenshots;
    private static Path downloads;
    /** Chromium's TMPDIR: it leaves its profile's singleton socket directory there when it is quit. */
    private static Path chromiumTmp;
    private static int shot;

    @BeforeAll
    static void startPlatformAndBrowser() throws Exception {
        Path root = Path.of(System.getProperty("surety.root", "..")).toAbsolutePath().normalize();
        Path home = root.resolve("system-tests/target/portal-" + System.currentTimeMillis());
        screenshots = root.resolve("system-tests/target/screenshots");
        downloads = home.resolve("downloads");
        Files.createDirectories(screenshots);
        Files.createDirectories(downloads);
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            servicePorts.put(s, freePort());
        }
        Platform.Ports ports = new Platform.Ports(freePort(), freePort(), freePort(), servicePorts);
        // Short grace so a 90-second period turns final (and its credit appears) within the test.
        platform = new Platform(snapshotOfPackagedApps(root, home.resolve("apps")), home, ports,
                Map.of("SURETY_DETECTOR_GRACE", "PT2S"));
        try {
            assertTrue(platform.portalBuilt(), "build the portal first (mvn package -pl portal)");

            platform.startInfrastructure();
            platform.startServices();
            stack = new StackClient(platform.kafkaBootstrap());

            // Short (a Unix socket path has at most 107 bytes) and removed afterwards, unlike the system temp directory.
            chromiumTmp = Files.createTempDirectory("surety-chromium");
            driverService = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                    .usingAnyFreePort()
                    .withEnvironment(Map.of("TMPDIR", chromiumTmp.toString()))
                    .withLogFile(home.resolve("logs/chromedriver.log").toFile())
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1280,900");
            Map<String, Object> prefs = new HashMap<>();
            prefs.put("download.default_directory", downloads.toString());
            prefs.put("download.prompt_for_download", false);
            options.setExperimentalOption("prefs", prefs);
            browser = new ChromeDriver(driverService, options);
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        } catch (Exception | Error e) {
            stopEverything();
            throw e;
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (platform != null) {
            platform.stop();
            assertTrue(platform.running().isEmpty(), "processes left behind: " + platform.running());
        }
        // Last, so that nothing here can keep the platform from being stopped.
        if (chromiumTmp != null) {
            Platform.deleteTree(chromiumTmp);
        }
    }

    @Test
    void aliceWatchesABreachMoveHerProjectedCreditClaimsTheCreditAndBobCannotFollowHer() throws Exception {
        String service = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(20);
        String admin = platform.tokens().mint("pat", null, "provider-admin");
        HttpResponse<String> created = post(platform.url(Service.AGREEMENT) + "/v1/agreements", admin, agreement(start, service));
        assertEquals(201, created.statusCode(), created.body());
        String agreementId = JSON.readTree(created.body()).path("id").asText();
        String page = portal("/agreements/" + agreementId);

        // alice signs in on the development login page
        browser.get(portal("/login"));
        screenshot("login");
        signInAs("alice");
        browser.get(page);
        assertTrue(browser.getTitle().contains("Portal checkout availability"), browser.getTitle());

        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        try (KafkaProducer<String, byte[]> producer = stack.producer()) {
            // One sample a second, stamped mid-second: seconds 25..54 of the period are 75 % good,
            // the rest 100 %; samples continue past the period end so stream time passes it.
            for (int k = 0; k < PERIOD.toSeconds() + 15; k++) {
                int second = k;
                Instant ts = start.plusSeconds(k).plusMillis(500);
                publisher.schedule(() -> publish(producer, service, ts, second >= 25 && second < 55 ? 75 : 100),
                        Math.max(0, Duration.between(Instant.now(), ts).toMillis()), TimeUnit.MILLISECONDS);
            }

            // Healthy so far: 100 %, no breach, no credit projected.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                browser.navigate().refresh();
                return text("attainment").equals("100 %");
            });
            assertFalse(present("open-breach"));
            String healthyProjection = text("projected-credit");
            assertEquals("0.00 EUR", healthyProjection);
            screenshot("agreement-healthy");

            // The bad samples open a breach, and the projected credit moves.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                browser.navigate().refresh();
                return present("open-breach");
            });
            String breachProjection = text("projected-credit");
            assertNotEquals(healthyProjection, breachProjection, "the projected credit moves with the breach");
            assertTrue(browser.findElement(By.tagName("main")).getText().contains("more "),
                    "the page says how much more downtime reaches the next tier");
            screenshot("breach-open-projection-moved");

            // Meanwhile ops see the breach with its money at risk (olga in the same browser, then alice again).
            org.openqa.selenium.Cookie aliceSession = browser.manage().getCookieNamed("surety_dev_session");
            browser.manage().deleteAllCookies();
            browser.get(portal("/login"));
            signInAs("olga");
            browser.get(portal("/ops"));
            String ops = browser.findElement(By.tagName("main")).getText();
            assertTrue(ops.contains("Portal checkout availability") && ops.contains("EUR"), ops);
            screenshot("ops-open-breach-money-at-risk");
            browser.manage().deleteAllCookies();
            browser.get(portal("/login"));
            browser.manage().addCookie(aliceSession);
            browser.get(page);

            browser.manage().window().setSize(new Dimension(390, 844));
            browser.navigate().refresh();
            screenshot("breach-on-a-phone");
            browser.manage().window().setSize(new Dimension(1280, 900));

            // The period closes: a final compliance below the target and an entitled credit to claim.
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                browser.navigate().refresh();
                return present("claim");
            });
            assertEquals("entitled", text("credit-state"));
            screenshot("credit-entitled");
            browser.findElement(By.cssSelector("[data-testid=claim]")).click();
            await().atMost(Duration.ofSeconds(30)).until(() -> present("credit-state") && !text("credit-state").equals("entitled"));
            assertTrue(browser.findElement(By.id("flash")).getText().startsWith("Credit claimed"),
                    browser.findElement(By.id("flash")).getText());
            assertEquals("issued", text("credit-state"));
            screenshot("credit-claimed");
        } finally {
            publisher.shutdownNow();
        }

        // The statement downloads as CSV through the portal and lists the claimed credit.
        browser.findElement(By.cssSelector("[data-testid=statement]")).click();
        Path csv = await().atMost(Duration.ofSeconds(30)).until(() -> downloaded(".csv"), f -> f != null);
        String statement = Files.readString(csv);
        assertTrue(statement.contains(agreementId) && statement.contains("ISSUED"), statement);
        screenshot("statement-downloaded");

        // Ops and billing see the same figures across tenants.
        browser.manage().deleteAllCookies();
        browser.get(portal("/login"));
        signInAs("bill");
        browser.get(portal("/billing"));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains(agreementId));
        screenshot("billing-credits");

        // bob (globex) cannot reach alice's pages, whatever URL he types.
        browser.manage().deleteAllCookies();
        browser.get(portal("/login"));
        signInAs("bob");
        browser.get(page);
        String body = browser.findElement(By.tagName("main")).getText();
        assertTrue(body.contains("Page not found"), body);
        assertFalse(body.contains("Portal checkout availability"), body);
        screenshot("bob-cannot-see-alice");
        browser.get(portal("/agreements"));
        assertFalse(browser.findElement(By.tagName("main")).getText().contains("Portal checkout availability"));
        HttpResponse<String> bobsCsv = get(page + "/statement.csv", null);
        assertNotEquals(200, bobsCsv.statusCode(), "no statement without signing in");
    }

    /**
     * Hard links to every service's packaged app, so that a module rebuilt while this test runs
     * (others work in the same checkout) cannot pull jars from under a running service. A file that
     * vanishes mid-copy means a rebuild is under way: wait and take the snapshot again.
     */
    private static Path snapshotOfPackagedApps(Path root, Path snapshot) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
            Platform.deleteTree(snapshot);
            for (Service s : Service.values()) {
                Path app = root.resolve(s.module).resolve("target/quarkus-app");
                try (Stream<Path> files = Files.walk(app)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Path target = snapshot.resolve(s.module).resolve("target/quarkus-app").resolve(app.relativize(f));
                        Files.createDirectories(target.getParent());
                        Files.createLink(target, f);
                    }
                }
                if (!Files.exists(snapshot.resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar"))) {
                    return false;
                }
            }
            return true;
        });
        return snapshot;
    }

    private static String portal(String path) {
        return platform.url(Service.PORTAL) + path;
    }

    private static void signInAs(String user) {
        browser.findElement(By.cssSelector("button[data-user=" + user + "]")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.getCurrentUrl().contains("/login"));
        assertEquals(user, browser.findElement(By.cssSelector("[data-testid=signed-in-as]")).getText());
    }

    private static boolean present(String testId) {
        return !browser.findElements(By.cssSelector("[data-testid=" + testId + "]")).isEmpty();
    }

    private static String text(String testId) {
        List<WebElement> e = browser.findElements(By.cssSelector("[data-testid=" + testId + "]"));
        return e.isEmpty() ? "" : e.get(0).getText().trim();
    }

    private static Path downloaded(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
        }
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(String.format("%02d-%s.png", ++shot, name)), png);
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String service, Instant ts, long good) {
        RawMetric m = new RawMetric(UUID.randomUUID().toString(), "agent-portal", service, "http_requests", Map.of(), ts,
                null, good, 100L);
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topic.METRICS_RAW.topicName(), null, ts.toEpochMilli(),
                "agent-portal/" + service, EventCodec.encode(m));
        CloudEvents.write(r.headers(), EventType.RAW_METRIC, m.id(), "/agents/portal-it", ts, service);
        producer.send(r);
    }

    /** A claim-required agreement for acme with 90-second periods and a 5-second breach window. */
    private static String agreement(Instant effectiveFrom, String service) {
        return """
                {"name": "Portal checkout availability", "status": "ACTIVE", "customer": "acme", "customerName": "ACME Corp",
                 "provider": "E2E Hosting", "service": "%s", "timeZone": "Europe/Berlin", "effectiveFrom": "%s",
                 "objectives": [{"id": "availability", "name": "Availability", "sliKind": "RATIO",
                   "selector": {"service": "%s", "metric": "http_requests"},
                   "target": 99.9, "period": "%s", "window": "PT5S", "threshold": 99.0, "holdTime": "PT0S"}],
                 "compensation": {"monthlyFee": 1000.00, "currency": "EUR",
                   "tiers": [{"belowPercent": 99.9, "creditPercent": 10},
                             {"belowPercent": 99.0, "creditPercent": 25},
                             {"belowPercent": 90.0, "creditPercent": 100}],
                   "claimRequired": true, "claimWindowDays": 30}}
                """.formatted(service, effectiveFrom, service, PERIOD);
    }
}
