package dev.surety.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A real PostgreSQL server from the embedded binaries on Maven Central, with one database per
 * service that owns data. Run as a program it keeps the server up until it is terminated, and
 * stops it cleanly on SIGTERM.
 */
public final class PostgresServer implements AutoCloseable {

    /** Databases created on start, one per service that owns data. */
    public static final List<String> DATABASES = List.of("agreements", "credits");
    public static final String USER = "postgres";

    private final EmbeddedPostgres pg;

    private PostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /**
     * Starts PostgreSQL on {@code port} with its data in {@code dataDir}; an existing data
     * directory is reused as it is, so data survives a restart. A null dir means a throw-away one.
     */
    public static PostgresServer start(int port, Path dataDir) throws IOException {
        // The default 10 s start-up wait is too short on a loaded two-core machine.
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setPort(port)
                .setPGStartupWait(java.time.Duration.ofSeconds(90))
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", dataDir == null ? "off" : "on");
        if (dataDir != null) {
            Files.createDirectories(dataDir);
            b.setDataDirectory(dataDir.toAbsolutePath()).setCleanDataDirectory(false);
        }
        PostgresServer server = new PostgresServer(b.start());
        server.createDatabases();
        return server;
    }

    public int port() {
        return pg.getPort();
    }

    /** JDBC URL of one database. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Vert.x reactive client URL of one database. */
    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port() + "/" + database;
    }

    private void createDatabases() throws IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String db : DATABASES) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                    if (!rs.next()) {
                        s.execute("CREATE DATABASE " + db);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create databases", e);
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }

    /** {@code PostgresServer <port> <dataDir>}: runs until terminated. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        PostgresServer server = start(port, dir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                System.err.println("stopping PostgreSQL: " + e.getMessage());
            }
            stopped.countDown();
        }, "postgres-stop"));
        System.out.println("PostgreSQL ready on port " + port + ", data in " + dir.toAbsolutePath());
        stopped.await();
    }
}
