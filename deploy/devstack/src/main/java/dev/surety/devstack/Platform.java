package dev.surety.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole platform on one machine as separate processes: a Kafka broker JVM, a PostgreSQL
 * server, and the four packaged services. Every process it starts is recorded by PID under
 * {@code <home>/run} so that {@link #stop()} (or another JVM) can stop exactly those.
 */
public final class Platform {

    /**
     * The services, their module folders and the database each owns (null for none). The portal comes
     * last: it only reads the others' APIs.
     */
    public enum Service {
        AGREEMENT("agreement-service", "agreements"),
        INGEST("measurement-ingest", null),
        DETECTOR("breach-detector", null),
        CREDIT("credit-service", "credits"),
        PORTAL("portal", null);

        public final String module;
        public final String database;

        Service(String module, String database) {
            this.module = module;
            this.database = database;
        }
    }

    /** Ports of everything, overridable by environment variables (see README). */
    public record Ports(int kafka, int kafkaController, int postgres, Map<Service, Integer> services) {

        public static Ports fromEnvironment() {
            Map<Service, Integer> s = new LinkedHashMap<>();
            s.put(Service.AGREEMENT, env("SURETY_AGREEMENT_PORT", 8081));
            s.put(Service.INGEST, env("SURETY_INGEST_PORT", 8082));
            s.put(Service.DETECTOR, env("SURETY_DETECTOR_PORT", 8083));
            s.put(Service.CREDIT, env("SURETY_CREDIT_PORT", 8084));
            s.put(Service.PORTAL, env("SURETY_PORTAL_PORT", 8080));
            return new Ports(env("SURETY_KAFKA_PORT", 9092), env("SURETY_KAFKA_CONTROLLER_PORT", 9093),
                    env("SURETY_PG_PORT", 15432), s);
        }

        public int port(Service service) {
            Integer port = services.get(service);
            // Ports built before the portal existed name only the four back-end services.
            return port != null ? port : service == Service.PORTAL ? env("SURETY_PORTAL_PORT", 8080) : services.get(service);
        }

        private static int env(String name, int fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
        }
    }

    private final Path root;
    private final Path home;
    private final Ports ports;
    private final Map<String, String> serviceEnv;
    private Jwts tokens;

    /**
     * @param root       the repository root (where the service modules were built)
     * @param home       folder for data, logs, keys and PID files
     * @param serviceEnv extra environment for every service (e.g. shorter grace periods in tests)
     */
    public Platform(Path root, Path home, Ports ports, Map<String, String> serviceEnv) {
        this.root = root.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
        this.ports = ports;
        this.serviceEnv = Map.copyOf(serviceEnv);
    }

    public Ports ports() {
        return ports;
    }

    public Path home() {
        return home;
    }

    public String kafkaBootstrap() {
        return "localhost:" + ports.kafka();
    }

    public String url(Service s) {
        return "http://localhost:" + ports.port(s);
    }

    /** The development token issuer of this installation (keys kept under home/keys). */
    public synchronized Jwts tokens() throws IOException {
        if (tokens == null) {
            tokens = Jwts.loadOrGenerate(home.resolve("keys"));
        }
        return tokens;
    }

    /** Starts the broker and PostgreSQL (data kept under home/data) and creates the catalog's topics. */
    public void startInfrastructure() throws Exception {
        Path kafkaDir = home.resolve("data/kafka");
        Files.deleteIfExists(home.resolve("logs/kafka.log"));
        Files.deleteIfExists(home.resolve("logs/postgres.log"));
        if (!Files.exists(kafkaDir.resolve("kraft-logs/meta.properties"))) {
            // A new broker knows no offsets: Kafka Streams state from an earlier broker would be wrong.
            deleteTree(home.resolve("data/streams"));
        }
        Process broker = KafkaBroker.start(ports.kafka(), ports.kafkaController(), kafkaDir,
                home.resolve("logs/kafka.log"), "768m");
        recordPid("kafka", broker.pid());
        Process pg = ChildJvm.start(PostgresServer.class.getName(), List.of("-Xmx96m"),
                List.of(String.valueOf(ports.postgres()), home.resolve("data/postgres").toString()),
                home.resolve("logs/postgres.log"), Map.of());
        recordPid("postgres", pg.pid());
        awaitLogLine(pg, home.resolve("logs/postgres.log"), "PostgreSQL ready", Duration.ofSeconds(120));
        Topics.createAll(kafkaBootstrap(), (short) 1);
    }

    /**
     * Starts the packaged services and waits until each one is ready. The portal is started when it
     * has been built ({@link #portalBuilt()}); the four back-end services must be.
     */
    public void startServices() throws Exception {
        Map<Service, Process> started = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            if (s == Service.PORTAL && !portalBuilt()) {
                System.err.println("portal not built (" + jar(s) + " missing): starting without it");
                continue;
            }
            started.put(s, startService(s));
        }
        for (Map.Entry<Service, Process> e : started.entrySet()) {
            awaitReady(e.getKey(), e.getValue(), Duration.ofSeconds(180));
        }
    }

    /** Whether the portal's packaged jar exists under the repository root. */
    public boolean portalBuilt() {
        return Files.exists(jar(Service.PORTAL));
    }

    private Path jar(Service s) {
        return root.resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Demo users the portal's development login offers (name:role[:tenant]): the people of
     * {@link DevStack#DEMO_USERS}, not the agents.
     */
    public static String portalDemoUsers() {
        List<String> users = new ArrayList<>();
        for (String[] u : DevStack.DEMO_USERS) {
            if (!"agent".equals(u[2])) {
                users.add(u[0] + ":" + u[2] + (u[1] == null ? "" : ":" + u[1]));
            }
        }
        return String.join(",", users);
    }

    /** Starts one packaged service. */
    public Process startService(Service s) throws IOException {
        Path jar = jar(s);
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build with `mvn package -DskipTests` first");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.port(s)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        env.put("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", kafkaBootstrap());
        env.put("KAFKA_STREAMS_STATE_DIR", home.resolve("data/streams/" + s.module).toString());
        env.put("MP_JWT_VERIFY_PUBLICKEY", tokens().publicKeyBase64());
        env.put("MP_JWT_VERIFY_ISSUER", Jwts.ISSUER);
        env.put("SURETY_DB_HOST", "localhost");
        env.put("SURETY_DB_PORT", String.valueOf(ports.postgres()));
        if (s == Service.PORTAL) {
            // The portal reads the others' APIs and signs demo users in with the stack's own key;
            // the devstack profile is what allows its development login (refused in prod).
            tokens();
            env.put("QUARKUS_PROFILE", "devstack");
            env.put("SURETY_PORTAL_AGREEMENT_URL", url(Service.AGREEMENT));
            env.put("SURETY_PORTAL_INGEST_URL", url(Service.INGEST));
            env.put("SURETY_PORTAL_DETECTOR_URL", url(Service.DETECTOR));
            env.put("SURETY_PORTAL_CREDIT_URL", url(Service.CREDIT));
            env.put("SURETY_PORTAL_DEV_LOGIN_ENABLED", "true");
            env.put("SURETY_PORTAL_DEV_LOGIN_PRIVATE_KEY_LOCATION", home.resolve("keys/private-key.pem").toString());
            env.put("SURETY_PORTAL_DEV_LOGIN_ISSUER", Jwts.ISSUER);
            env.put("SURETY_PORTAL_DEV_LOGIN_USERS", portalDemoUsers());
        }
        env.putAll(serviceEnv);
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildJvm.javaBin());
        cmd.addAll(serviceJvmOptions(s));
        cmd.addAll(List.of("-Djava.io.tmpdir=" + home.resolve("tmp"), "-jar", jar.toString()));
        Files.createDirectories(home.resolve("tmp"));
        Files.deleteIfExists(home.resolve("logs/" + s.module + ".log"));
        Process p = ChildJvm.startCommand(cmd, home.resolve("logs/" + s.module + ".log"), env);
        recordPid(s.module, p.pid());
        return p;
    }

    /**
     * JVM options of the service processes: small heaps and quick start-up for a laptop, unless
     * {@code SURETY_JAVA_OPTS} says otherwise (benchmarks give every JVM the same full JIT). Without
     * {@code SURETY_JAVA_OPTS}, the detector also gets the JVM flags of its Kubernetes manifest besides
     * the heap (native-memory flags, explained there), so it runs here as it is deployed.
     */
    List<String> serviceJvmOptions(Service s) throws IOException {
        String opts = System.getenv("SURETY_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            return List.of(opts.trim().split("\\s+"));
        }
        List<String> jvm = new ArrayList<>(List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        if (s == Service.DETECTOR) {
            for (String flag : deployedJvmFlags(manifest(root, s))) {
                if (!jvm.contains(flag)) {
                    jvm.add(flag);
                }
            }
        }
        return jvm;
    }

    /** A service's Kubernetes manifest under the repository root. */
    static Path manifest(Path root, Service s) {
        return root.resolve("deploy/kubernetes/base/" + s.module + ".yaml");
    }

    /**
     * The flags of a manifest's {@code JAVA_TOOL_OPTIONS} that are not heap sizes (those depend on the
     * memory limit); none when there is no such manifest or line.
     */
    static List<String> deployedJvmFlags(Path manifest) throws IOException {
        return deployedJvmOptions(manifest).stream()
                .filter(flag -> !flag.startsWith("-Xms") && !flag.startsWith("-Xmx"))
                .toList();
    }

    /**
     * All options of a manifest's {@code JAVA_TOOL_OPTIONS}, heap sizes included, in their order; none when there
     * is no such manifest or line. The one reading of the shipped options: the local stack and
     * {@code bench/detector.sh} (through {@code DetectorBench jvm-options}) both use it.
     */
    static List<String> deployedJvmOptions(Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            String t = line.trim();
            if (t.startsWith("JAVA_TOOL_OPTIONS:")) {
                for (String option : t.substring("JAVA_TOOL_OPTIONS:".length()).trim().split("\\s+")) {
                    if (!option.isEmpty()) {
                        options.add(option);
                    }
                }
            }
        }
        return options;
    }

    /** Waits for {@code /q/health/ready} of a service to answer 200. */
    public void awaitReady(Service s, Process p, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI uri = URI.create(url(s) + "/q/health/ready");
        Path log = home.resolve("logs/" + s.module + ".log");
        Poll.until(timeout, Duration.ofMillis(300), () -> {
            if (p != null && !p.isAlive()) {
                throw new IOException(s.module + " exited with " + p.exitValue() + ", see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                // not listening yet, or closed the connection while starting
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, () -> s.module + " not ready after " + timeout + ", see " + log);
    }

    /** Starts a demo agent process publishing metrics (see {@link DemoAgent}). */
    public Process startDemoAgent() throws IOException {
        Process p = ChildJvm.start(DemoAgent.class.getName(), List.of("-Xmx64m"),
                List.of(kafkaBootstrap(), url(Service.AGREEMENT), home.toString()),
                home.resolve("logs/demo-agent.log"), Map.of());
        recordPid("demo-agent", p.pid());
        return p;
    }

    /**
     * Stops every process recorded under home/run, newest first: SIGTERM, then SIGKILL after a
     * grace period. Returns the names of what was stopped.
     */
    public List<String> stop() throws IOException {
        Path run = home.resolve("run");
        List<String> stopped = new ArrayList<>();
        if (!Files.isDirectory(run)) {
            return stopped;
        }
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(run)) {
            pidFiles = files.filter(f -> f.toString().endsWith(".pid"))
                    .sorted(Comparator.comparingInt(Platform::stopOrder)).toList();
        }
        for (Path f : pidFiles) {
            String name = f.getFileName().toString().replace(".pid", "");
            long pid = Long.parseLong(Files.readString(f).trim());
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent() && h.get().isAlive()) {
                ProcessHandle ph = h.get();
                ph.destroy();
                try {
                    ph.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception slow) {
                    ph.destroyForcibly();
                }
                stopped.add(name + " (pid " + pid + ")");
            }
            Files.deleteIfExists(f);
        }
        return stopped;
    }

    /** Names and PIDs of recorded processes that are still alive. */
    public Map<String, Long> running() throws IOException {
        Map<String, Long> alive = new LinkedHashMap<>();
        Path run = home.resolve("run");
        if (!Files.isDirectory(run)) {
            return alive;
        }
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".pid")).sorted().toList()) {
                long pid = Long.parseLong(Files.readString(f).trim());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    alive.put(f.getFileName().toString().replace(".pid", ""), pid);
                }
            }
        }
        return alive;
    }

    private void recordPid(String name, long pid) throws IOException {
        Path run = home.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve(name + ".pid"), pid + "\n");
    }

    /** Clients first, then services, then the database and the broker they need to shut down cleanly. */
    private static int stopOrder(Path pidFile) {
        String name = pidFile.getFileName().toString();
        if (name.startsWith("postgres")) {
            return 2;
        }
        if (name.startsWith("kafka")) {
            return 3;
        }
        return Stream.of(Service.values()).anyMatch(s -> name.startsWith(s.module)) ? 1 : 0;
    }

    private static void awaitLogLine(Process p, Path log, String line, Duration timeout)
            throws IOException, InterruptedException {
        Poll.until(timeout, Duration.ofMillis(200), () -> {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return true;
            }
            if (!p.isAlive()) {
                throw new IOException("process exited with " + p.exitValue() + ", see " + log);
            }
            return false;
        }, () -> "'" + line + "' not seen after " + timeout + " in " + log);
    }

    /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
