package dev.atomicfunctions.product;

import java.sql.SQLException;

/** Recognises PostgreSQL's unique violation (SQLSTATE 23505) under whatever Micronaut Data wrapped it in. */
final class UniqueViolation {

    private static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
