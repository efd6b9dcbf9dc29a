package dev.atomicfunctions.support;

import dev.atomicfunctions.migration.MigrationHandler;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.util.Map;

/**
 * JUnit extension giving a test class the one real PostgreSQL of this test JVM: started on first use, migrated
 * through the real {@link MigrationHandler}, and published as system properties so that handlers built with their
 * no-argument constructors, as Lambda builds them, connect to it.
 */
public final class TestDatabase implements BeforeAllCallback {

    private static Postgres database;

    @Override
    public void beforeAll(ExtensionContext context) {
        get();
    }

    /** @return the started, migrated database */
    public static synchronized Postgres get() {
        if (database == null) {
            Postgres postgres = Postgres.fromEnvironment();
            if (postgres == null) {
                postgres = dockerAnswers() ? container() : Postgres.embedded(null);
            }
            postgres.publish();
            try (MigrationHandler migrations = new MigrationHandler()) {
                migrations.handleRequest(Map.of(), new TestLambdaContext("migrate"));
            }
            database = postgres;
        }
        return database;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private static Postgres container() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
        container.start();
        return new Postgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
            "Testcontainers");
    }
}
