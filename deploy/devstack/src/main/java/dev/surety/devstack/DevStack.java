package dev.surety.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local platform's command line: {@code up} starts Kafka, PostgreSQL, the four services, the
 * portal and the demo agent and prints URLs, the portal's demo logins and tokens; {@code down} stops what {@code up} started, by PID;
 * {@code status} lists it; {@code tokens} prints fresh demo tokens.
 */
public final class DevStack {

    /** Demo users: name, tenant (null: cross-tenant staff), role. */
    static final List<String[]> DEMO_USERS = List.of(
            new String[] {"pat", null, "provider-admin"},
            new String[] {"olga", null, "ops"},
            new String[] {"bill", null, "billing"},
            new String[] {"alice", "acme", "customer"},
            new String[] {"bob", "globex", "customer"},
            new String[] {"agent-eu-1", "acme", "agent"});

    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        String cmd = args.length == 0 ? "status" : args[0];
        Path root = Path.of(System.getProperty("surety.root", ".")).toAbsolutePath().normalize();
        String homeEnv = System.getenv("SURETY_HOME");
        Path home = homeEnv == null || homeEnv.isBlank() ? root.resolve(".surety") : Path.of(homeEnv);
        Platform platform = new Platform(root, home, Platform.Ports.fromEnvironment(), Map.of());
        switch (cmd) {
            case "up" -> up(platform);
            case "down" -> {
                List<String> stopped = platform.stop();
                System.out.println(stopped.isEmpty() ? "nothing was running" : "stopped: " + String.join(", ", stopped));
            }
            case "status" -> {
                Map<String, Long> running = platform.running();
                System.out.println(running.isEmpty() ? "nothing running" : "running: " + running);
            }
            case "tokens" -> printTokens(platform);
            case "start" -> start(platform, List.of(args).subList(1, args.length));
            default -> {
                System.err.println("usage: DevStack up|down|status|tokens|start infra|<service module>...");
                System.exit(2);
            }
        }
    }

    static void up(Platform platform) throws Exception {
        if (!platform.running().isEmpty()) {
            System.err.println("already running: " + platform.running() + " — run `./surety down` first");
            System.exit(1);
        }
        Platform.Ports ports = platform.ports();
        try {
            System.out.println("starting Kafka (KRaft) on " + platform.kafkaBootstrap()
                    + " and PostgreSQL on localhost:" + ports.postgres() + " — data in " + platform.home().resolve("data"));
            platform.startInfrastructure();
            System.out.println("starting services ...");
            platform.startServices();
            platform.startDemoAgent();
        } catch (Exception e) {
            System.err.println("start failed: " + e.getMessage());
            System.err.println("stopping what was started: " + platform.stop());
            System.exit(1);
        }
        System.out.println();
        System.out.println("Surety is up. Logs in " + platform.home().resolve("logs"));
        for (Platform.Service s : Platform.Service.values()) {
            if (s == Platform.Service.PORTAL) {
                continue;
            }
            System.out.printf("  %-20s %s   (health %s/q/health/ready, metrics /q/metrics, API /q/openapi)%n",
                    s.module, platform.url(s), platform.url(s));
        }
        System.out.println("  Kafka                " + platform.kafkaBootstrap());
        System.out.println("  PostgreSQL           localhost:" + ports.postgres() + " (user postgres)");
        System.out.println();
        System.out.println("Demo workload: agent 'demo-agent' publishes checkout-api request counts every 2 s; each");
        System.out.println("two-minute period has 30 s at 85 % success: a breach opens and resolves, and a credit of");
        System.out.println("125.00 EUR (25 %) is issued when each period closes (the first within ~2.5 minutes).");
        printPortal(platform);
        printTokens(platform);
        System.out.println();
        System.out.println("Try:  curl -H \"Authorization: Bearer $TOKEN_BILL\" " + platform.url(Platform.Service.CREDIT) + "/v1/credits");
        System.out.println("      (source " + platform.home().resolve("tokens.env") + " for the TOKEN_* variables)");
        System.out.println("Stop: ./surety down");
    }

    /**
     * Starts parts of the platform (for benchmarks and debugging): {@code infra} (Kafka, PostgreSQL,
     * topics) and/or service modules by folder name, each waited for until ready. {@code down} stops them.
     */
    static void start(Platform platform, List<String> parts) throws Exception {
        if (parts.isEmpty()) {
            System.err.println("usage: DevStack start infra|<service module>... (e.g. start infra agreement-service)");
            System.exit(2);
        }
        try {
            for (String part : parts) {
                if (part.equals("infra")) {
                    platform.startInfrastructure();
                    System.out.println("Kafka " + platform.kafkaBootstrap() + ", PostgreSQL localhost:" + platform.ports().postgres());
                    continue;
                }
                Platform.Service s = java.util.Arrays.stream(Platform.Service.values())
                        .filter(v -> v.module.equals(part)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown part '" + part + "'"));
                platform.awaitReady(s, platform.startService(s), Duration.ofSeconds(180));
                System.out.println(s.module + " " + platform.url(s));
            }
        } catch (Exception e) {
            System.err.println("start failed: " + e.getMessage());
            System.err.println("stopping what was started: " + platform.stop());
            System.exit(1);
        }
        printTokens(platform);
    }

    /** The portal's address and who can sign in there (development login of the local stack). */
    static void printPortal(Platform platform) {
        System.out.println();
        if (!platform.portalBuilt()) {
            System.out.println("Portal: not built (mvn -pl portal package), so not started.");
            return;
        }
        System.out.println("Portal: " + platform.url(Platform.Service.PORTAL) + "  — open it and pick a demo user (no password):");
        for (String[] u : DEMO_USERS) {
            if (!"agent".equals(u[2])) {
                System.out.printf("  %-6s %-15s %s%n", u[0], u[2], u[1] == null ? "all tenants" : "tenant " + u[1]);
            }
        }
    }

    static void printTokens(Platform platform) throws Exception {
        Jwts jwts = platform.tokens();
        StringBuilder env = new StringBuilder();
        System.out.println();
        System.out.println("Demo tokens (valid 12 h; ./surety tokens prints new ones):");
        for (String[] u : DEMO_USERS) {
            String token = jwts.mint(u[0], u[1], List.of(u[2]), Duration.ofHours(12));
            System.out.printf("  %-11s role %-15s tenant %-7s %s%n", u[0], u[2], u[1] == null ? "-" : u[1], token);
            env.append("TOKEN_").append(u[0].toUpperCase().replace('-', '_')).append('=').append(token).append('\n');
        }
        java.nio.file.Files.writeString(platform.home().resolve("tokens.env"), env.toString());
    }
}
