package dev.atomicfunctions.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The database a deployment runs on ({@code -c databaseEngine=rds|aurora|dsql}), and what the functions are told about
 * it ({@code DB_ENGINE}): the application picks its driver set-up from that.
 */
enum DatabaseEngine {

    /** RDS for PostgreSQL behind RDS Proxy ({@link Database}): the default, and the stack as it always was. */
    RDS("postgres"),
    /** Aurora PostgreSQL Serverless v2, a writer and a reader, behind RDS Proxy ({@link AuroraDatabase}). */
    AURORA("postgres"),
    /** Aurora DSQL ({@link DsqlDatabase}): no VPC, no proxy; the functions run outside any VPC. */
    DSQL("admin");

    /**
     * The database user the migration function logs in as: the master user PostgreSQL was created with, or the
     * {@code admin} role every DSQL cluster has (the only one that may run DDL and create roles).
     */
    private final String adminUser;

    DatabaseEngine(String adminUser) {
        this.adminUser = adminUser;
    }

    String adminUser() {
        return adminUser;
    }

    /** @return the value of {@code DB_ENGINE} and of the context option: {@code rds}, {@code aurora}, {@code dsql} */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the database lives in the stack's VPC, and the functions with it */
    boolean inVpc() {
        return this != DSQL;
    }

    /** @return the engine named {@code value}; a typo is refused rather than read as the default */
    static DatabaseEngine of(String value) {
        String name = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(engine -> engine.value().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("context databaseEngine must be one of "
                + Arrays.stream(values()).map(DatabaseEngine::value).collect(Collectors.joining(", ")) + ": "
                + value));
    }
}
