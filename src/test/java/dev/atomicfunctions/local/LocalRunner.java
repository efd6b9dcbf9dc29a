package dev.atomicfunctions.local;

import dev.atomicfunctions.migration.MigrationHandler;
import dev.atomicfunctions.support.Postgres;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.support.TestQueue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./mvnw -Plocal}: the functions on http://localhost:8080 (or {@code PORT}) through the real API Gateway v2
 * handler. The database is the one named by {@code DB_URL} / {@code DB_USERNAME} / {@code DB_PASSWORD} when set,
 * otherwise an embedded PostgreSQL on localhost:54329 (or {@code LOCAL_DB_PORT}), user {@code postgres}, no password,
 * whose data stays in {@code .local/postgres} between runs. Migrations are applied first, through the real migration
 * handler. The event side runs too ({@link LocalEvents}): ElasticMQ on localhost:9324 (or {@code LOCAL_SQS_PORT}),
 * the outbox relay, the queue consumer and the scheduled jobs.
 */
public final class LocalRunner {

    /** Fixed, so that psql and IDEs find the database again on every run; tests use a free port instead. */
    static final int DEFAULT_DB_PORT = 54329;
    /** ElasticMQ's usual port, so that the AWS CLI can look at the queue ({@code --endpoint-url}). */
    static final int DEFAULT_SQS_PORT = 9324;

    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run();
        } catch (PortInUse | BindException e) {
            // One line, and everything started so far stops with the JVM (embedded PostgreSQL at its exit).
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void run() throws Exception {
        boolean embedded = System.getenv("DB_URL") == null;
        int dbPort = port("LOCAL_DB_PORT", DEFAULT_DB_PORT);
        int sqsPort = port("LOCAL_SQS_PORT", DEFAULT_SQS_PORT);
        int port = port("PORT", 8080);
        // Every port checked before anything starts: a busy one stops the run at once, naming its variable.
        if (embedded) {
            requireFree(dbPort, "LOCAL_DB_PORT");
        }
        requireFree(sqsPort, "LOCAL_SQS_PORT");
        requireFree(port, "PORT");
        if (embedded) {
            Postgres postgres = Postgres.embedded(Path.of(".local", "postgres").toAbsolutePath(), dbPort);
            postgres.publish();
            System.out.printf("Embedded PostgreSQL on localhost:%d (data in .local/postgres): %s%n", dbPort,
                postgres.url());
            System.out.printf("  psql -h localhost -p %d -U postgres postgres%n", dbPort);
        }
        try (MigrationHandler migrations = new MigrationHandler()) {
            migrations.handleRequest(Map.of(), new TestLambdaContext("migrate"));
        }
        TestQueue.Queues queues = TestQueue.start(sqsPort);
        TestQueue.publish(queues);
        System.out.printf("ElasticMQ (SQS) on %s, events queue %s%n", queues.endpoint(), queues.events());
        LocalApiGateway gateway;
        try {
            gateway = LocalApiGateway.start(port);
        } catch (BindException taken) {
            throw new PortInUse(port, "PORT");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        LocalEvents.start(queues);
        System.out.printf("API on http://localhost:%d (say who calls with the %s header, groups with %s). "
            + "Ctrl-C stops.%n", gateway.port(), LocalApiGateway.DEV_SUBJECT_HEADER, LocalApiGateway.DEV_GROUPS_HEADER);
        Thread.currentThread().join();
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number (1-65535), not '" + value + "'");
        }
    }

    /** A clear message now rather than a stack trace (or PostgreSQL's own once pg_ctl gives up) later. */
    private static void requireFree(int port, String variable) {
        try (var _ = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // free
        } catch (IOException e) {
            throw new PortInUse(port, variable);
        }
    }

    /** A port the local runner needs is taken. */
    private static final class PortInUse extends RuntimeException {
        PortInUse(int port, String variable) {
            super("port " + port + " is already in use (another ./mvnw -Plocal?): run with " + variable
                + "=<another port>", null, false, false);
        }
    }
}
