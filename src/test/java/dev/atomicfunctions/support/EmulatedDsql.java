package dev.atomicfunctions.support;

import dev.atomicfunctions.migration.MigrationHandler;

import java.util.Map;

/**
 * A database of the test server made to behave like Aurora DSQL: migrated by the real migration function from
 * {@code db/dsql} (as on DSQL, but for {@code CREATE INDEX ASYNC}), every transaction at REPEATABLE READ, and reached
 * through {@link DsqlEmulation}, which refuses what DSQL refuses.
 */
public final class EmulatedDsql {

    public static final String DATABASE = "atomic_dsql";

    private EmulatedDsql() {
    }

    /** @return the functions' properties for DB_ENGINE=dsql on the emulated database, created and migrated */
    public static synchronized Map<String, String> functionProperties() {
        DsqlEmulation.register();
        if (Db.count("SELECT count(*) FROM pg_database WHERE datname = ?", DATABASE) == 0) {
            Db.execute("CREATE DATABASE " + DATABASE);
            Db.execute("ALTER DATABASE " + DATABASE + " SET default_transaction_isolation = 'repeatable read'");
        }
        migrate();
        String url = Db.on(DATABASE, Db::url);
        return Map.of("atomic.database.engine", "dsql",
            "datasources.default.url", "jdbc:aws-wrapper:" + url.substring("jdbc:".length()),
            "datasources.default.data-source-properties.wrapperProfileName", DsqlEmulation.PROFILE,
            "datasources.default.data-source-properties.wrapperDialect", "pg");
    }

    /** @return the migration function's answer, run on the emulated database */
    public static Map<String, Object> migrate() {
        try (MigrationHandler migration = SystemProperties.during(Map.of("atomic.database.engine", "dsql",
            "datasources.default.url", Db.on(DATABASE, Db::url), "atomic.migration.dsql-async-indexes", "false",
            "atomic.migration.app-user", "tasks_app"), MigrationHandler::new)) {
            return migration.handleRequest(Map.of(), new TestLambdaContext("migrate"));
        }
    }
}
