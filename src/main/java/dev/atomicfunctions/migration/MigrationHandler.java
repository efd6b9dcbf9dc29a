package dev.atomicfunctions.migration;

import dev.atomicfunctions.platform.database.DatabaseEngine;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lambda entry point that applies the Flyway migrations in {@code db/migration} (on Aurora DSQL, the scripts of
 * {@code db/dsql}, through {@link DsqlMigrations}); run once per deployment, before the API functions take traffic.
 * The API functions never migrate: checking the schema on every cold start costs about half a second. Concurrent
 * runs are safe: Flyway serialises them with a PostgreSQL advisory lock.
 */
public class MigrationHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationHandler.class);

    /** Lower-case letters, digits and underscores: the name is placed into SQL as an identifier. */
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    @Inject
    DataSource dataSource;

    /** The functions' database user ({@code DB_APP_USER}); when set, it is created and granted after migrating. */
    @Value("${atomic.migration.app-user:}")
    String appUser;

    /** DSQL: the functions' IAM roles, mapped to {@code DB_APP_USER} ({@code DB_APP_ROLE_ARNS}, comma-separated). */
    @Value("${atomic.migration.app-role-arns:}")
    String appRoleArns;

    /** DSQL builds every index asynchronously; false only where its scripts are tried on PostgreSQL. */
    @Value("${atomic.migration.dsql-async-indexes:true}")
    boolean dsqlAsyncIndexes;

    @Inject
    DatabaseEngine engine;

    /** The bounds set on every session of the database after migrating. */
    @Inject
    SessionLimits sessionLimits;

    /**
     * Flyway holds one connection for its advisory lock, a second to apply the migrations and a third for the
     * afterMigrate callback that grants the functions' user.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder()
            .properties(Map.of("datasources.default.maximum-pool-size", 3, "datasources.default.minimum-idle", 0));
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        if (engine == DatabaseEngine.DSQL) {
            return migrateDsql();
        }
        MigrateResult result = flyway().migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.atInfo().addKeyValue("migrationsExecuted", result.migrationsExecuted)
            .addKeyValue("schemaVersion", version)
            .log("database migrated");
        return Map.of("migrationsExecuted", result.migrationsExecuted, "schemaVersion", String.valueOf(version));
    }

    /** No session limits: DSQL bounds a transaction (5 minutes) itself, and takes no locks to wait for. */
    private Map<String, Object> migrateDsql() {
        DataSource pool = DelegatingDataSource.unwrapDataSource(dataSource);
        int executed = new DsqlMigrations(pool, dsqlAsyncIndexes).migrate();
        if (!appUser.isEmpty()) {
            requireRoleName();
            try (Connection connection = pool.getConnection()) {
                DsqlAppRole.grant(connection, appUser, Arrays.stream(appRoleArns.split(","))
                    .map(String::strip).filter(arn -> !arn.isEmpty()).toList());
            } catch (SQLException e) {
                throw new IllegalStateException("DSQL role " + appUser + " not granted: " + e.getMessage(), e);
            }
        }
        LOG.atInfo().addKeyValue("migrationsExecuted", executed).log("database migrated (DSQL)");
        return Map.of("migrationsExecuted", executed, "schemaVersion", "dsql");
    }

    private void requireRoleName() {
        if (!ROLE_NAME.matcher(appUser).matches()) {
            throw new IllegalArgumentException("DB_APP_USER must match " + ROLE_NAME + ": " + appUser);
        }
    }

    private Flyway flyway() {
        Map<String, String> placeholders = new HashMap<>(Map.of(
            "idleInTransactionTimeout", sessionLimits.idleInTransaction(),
            "lockTimeout", sessionLimits.lock(),
            "statementTimeout", sessionLimits.statement()));
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration", "classpath:db/session-limits"));
        if (!appUser.isEmpty()) {
            requireRoleName();
            // db/app-user holds an afterMigrate callback: it runs after every migrate, in the same run.
            locations.add("classpath:db/app-user");
            placeholders.put("appUser", appUser);
        }
        return Flyway.configure()
            .dataSource(DelegatingDataSource.unwrapDataSource(dataSource))
            // The session limits bound the functions' sessions; a migration's DDL may legitimately take longer.
            .initSql("SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0")
            .locations(locations.toArray(String[]::new))
            .placeholders(placeholders)
            .load();
    }
}
