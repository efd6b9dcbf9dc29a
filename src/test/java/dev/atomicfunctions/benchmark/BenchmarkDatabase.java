package dev.atomicfunctions.benchmark;

import dev.atomicfunctions.migration.MigrationHandler;
import dev.atomicfunctions.support.Postgres;
import dev.atomicfunctions.support.TestLambdaContext;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL of the benchmark tools: {@code DB_URL}/{@code DB_USERNAME}/{@code DB_PASSWORD} when set, an
 * embedded one otherwise; published for the handlers built in process, migrated by the real migration handler.
 */
final class BenchmarkDatabase {

    private BenchmarkDatabase() {
    }

    /** @return the database, migrated */
    static Postgres migrated() throws Exception {
        Postgres postgres = Optional.ofNullable(Postgres.fromEnvironment()).orElseGet(() -> Postgres.embedded(null));
        migrate(postgres);
        return postgres;
    }

    /** @return the database, migrated and seeded with the rows the scenarios' events name */
    static Postgres seeded() throws Exception {
        Postgres postgres = migrated();
        seed(postgres);
        return postgres;
    }

    static void migrate(Postgres postgres) {
        postgres.publish();
        try (MigrationHandler migrations = new MigrationHandler()) {
            migrations.handleRequest(Map.of(), new TestLambdaContext("migrate"));
        }
    }

    /** Runs each scenario's seed SQL (several statements, no parameters) in one transaction, before any run. */
    static void seed(Postgres postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.url(), postgres.username(),
            postgres.password())) {
            connection.setAutoCommit(false);
            for (Scenario scenario : Scenario.ALL) {
                if (scenario.seedResource() == null) {
                    continue;
                }
                try (InputStream in = BenchmarkDatabase.class.getClassLoader()
                         .getResourceAsStream(scenario.seedResource());
                     Statement statement = connection.createStatement()) {
                    statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            connection.commit();
        }
    }
}
