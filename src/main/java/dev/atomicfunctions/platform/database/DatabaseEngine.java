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
     * @return whether a row read in order to be written is locked first ({@code FOR UPDATE}): at READ COMMITTED
     *     (PostgreSQL, Aurora) a concurrent writer would otherwise go unseen. Under DSQL's optimistic concurrency a
     *     concurrent write of the same row fails one of the two COMMITs (40001, and the transaction is run again):
     *     no lock is needed, and DSQL has no {@code SKIP LOCKED}, and locks rows only by their whole primary key
     */
    public boolean locksRowsBeforeWriting() {
        return this != DSQL;
    }

    /**
     * @return whether a transaction can learn its own id ({@code pg_current_xact_id()}) and a later session the
     *     fate of that id ({@code pg_xact_status}): how a COMMIT whose reply was lost is resolved. DSQL commits
     *     through its own adjudication and offers neither: such a COMMIT's outcome stays unknown (503, and a retry
     *     with the same Idempotency-Key or the message's redelivery settles it)
     */
    public boolean knowsTransactionIds() {
        return this != DSQL;
    }
}
