package dev.atomicfunctions.local;

import dev.atomicfunctions.migration.MigrationHandler;
import dev.atomicfunctions.support.Postgres;
import dev.atomicfunctions.support.TestLambdaContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./mvnw -Plocal}: the functions on http://localhost:8080 (or {@code PORT}) through the real API Gateway v2
 * handler. The database is the one named by {@code DB_URL} / {@code DB_USERNAME} / {@code DB_PASSWORD} when set,
 * otherwise an embedded PostgreSQL on localhost:54329 (or {@code LOCAL_DB_PORT}), user {@code postgres}, no password,
 * whose data stays in {@code .local/postgres} between runs. Migrations are applied first, through the real migration
 * handler.
 */
public final class LocalRunner {

    /** Fixed, so that psql and IDEs find the database again on every run; tests use a free port instead. */
    static final int DEFAULT_DB_PORT = 54329;

    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv("DB_URL") == null) {
            int dbPort = dbPort();
            requireFree(dbPort);
            Postgres postgres = Postgres.embedded(Path.of(".local", "postgres").toAbsolutePath(), dbPort);
            postgres.publish();
            System.out.printf("Embedded PostgreSQL on localhost:%d (data in .local/postgres): %s%n", dbPort,
                postgres.url());
            System.out.printf("  psql -h localhost -p %d -U postgres postgres%n", dbPort);
        }
        try (MigrationHandler migrations = new MigrationHandler()) {
            migrations.handleRequest(Map.of(), new TestLambdaContext("migrate"));
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        LocalApiGateway gateway = LocalApiGateway.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        System.out.printf("Tasks API on http://localhost:%d (say who calls with the %s header). Ctrl-C stops.%n",
            gateway.port(), LocalApiGateway.DEV_SUBJECT_HEADER);
        Thread.currentThread().join();
    }

    private static int dbPort() {
        String value = System.getenv("LOCAL_DB_PORT");
        if (value == null || value.isBlank()) {
            return DEFAULT_DB_PORT;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LOCAL_DB_PORT must be a port number (1-65535), not '" + value + "'");
        }
    }

    /** A clear message now rather than PostgreSQL's own once pg_ctl gives up. */
    private static void requireFree(int port) {
        try (var _ = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // free
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is already in use (another ./mvnw -Plocal?): run with"
                + " LOCAL_DB_PORT=<another port>", e);
        }
    }
}
