package dev.atomicfunctions.migration;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Map;

/**
 * Lambda entry point that applies the Flyway migrations in {@code db/migration}; run once per deployment, before
 * the API functions take traffic. The API functions never migrate: checking the schema on every cold start costs
 * about half a second. Concurrent runs are safe: Flyway serialises them with a PostgreSQL advisory lock.
 */
public class MigrationHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationHandler.class);

    @Inject
    DataSource dataSource;

    /** Flyway holds one connection for its advisory lock and needs a second one to apply the migrations. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder()
            .properties(Map.of("datasources.default.maximum-pool-size", 2, "datasources.default.minimum-idle", 0));
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        MigrateResult result = Flyway.configure()
            .dataSource(DelegatingDataSource.unwrapDataSource(dataSource))
            .locations("classpath:db/migration")
            .load()
            .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.atInfo().addKeyValue("migrationsExecuted", result.migrationsExecuted)
            .addKeyValue("schemaVersion", version)
            .log("database migrated");
        return Map.of("migrationsExecuted", result.migrationsExecuted, "schemaVersion", String.valueOf(version));
    }
}
