package dev.atomicfunctions.local;

import dev.atomicfunctions.migration.MigrationHandler;
import dev.atomicfunctions.support.Postgres;
import dev.atomicfunctions.support.TestLambdaContext;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./mvnw -Plocal}: the functions on http://localhost:8080 (or {@code PORT}) through the real API Gateway v2
 * handler. The database is the one named by {@code DB_URL} / {@code DB_USERNAME} / {@code DB_PASSWORD} when set,
 * otherwise an embedded PostgreSQL whose data stays in {@code .local/postgres} between runs. Migrations are applied
 * first, through the real migration handler.
 */
public final class LocalRunner {

    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv("DB_URL") == null) {
            Postgres postgres = Postgres.embedded(Path.of(".local", "postgres").toAbsolutePath());
            postgres.publish();
            System.out.println("Embedded PostgreSQL: " + postgres.url() + " (data in .local/postgres)");
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
}
