package dev.atomicfunctions.platform.database;

import java.util.Locale;

/**
 * The database the functions run on ({@code DB_ENGINE}), and what its SQL allows. The application's SQL and
 * transactions are the same on all three; where an engine lacks a feature, the feature asks this rather than the
 * engine's name.
 */
public enum DatabaseEngine {
    /** RDS for PostgreSQL behind RDS Proxy: the default. */
    RDS,
    /** Aurora PostgreSQL (provisioned or Serverless v2), through the AWS Advanced JDBC Wrapper's failover plugin. */
    AURORA,
    /**
     * Aurora DSQL: optimistic concurrency at snapshot isolation (a conflict fails the COMMIT with 40001), no
     * savepoints, row locks ({@code FOR UPDATE}) only by a whole primary key and without {@code SKIP LOCKED}.
     */
    DSQL;

    /** @param name the setting's value, in any case; empty is the default */
    public static DatabaseEngine of(String name) {
        if (name == null || name.isBlank()) {
            return RDS;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DB_ENGINE must be rds, aurora or dsql, not: " + name, e);
        }
    }

    /** @return whether a transaction can roll back part of its work (SAVEPOINT) and go on */
    public boolean hasSavepoints() {
        return this != DSQL;
    }

    /**
     * @return whether {@code FOR UPDATE} may only name one row by its whole primary key (and {@code SKIP LOCKED} is
     *     refused); a row written in the transaction then needs no lock at all, as a concurrent write of it fails
     *     one of the two COMMITs
     */
    public boolean locksOnlyByPrimaryKey() {
        return this == DSQL;
    }
}
