package dev.atomicfunctions.platform.database;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a database error caused by the data a statement tried to store from every other one. PostgreSQL classes
 * its errors by SQLState: class 22 (data exception: a value out of range, too long, invalid) and class 23
 * (integrity constraint violation: not null, foreign key, unique, check, exclusion) refuse the data; the rest
 * (a lost connection 08, a serialization failure or deadlock 40, a lock timeout or cancelled query 55 and 57, a
 * raised exception P0, ...) say nothing about the data and concern the whole transaction.
 */
public final class DataRefusals {

    private DataRefusals() {
    }

    /**
     * @return the SQLState of the database's refusal of the data somewhere in the cause chain, or empty when the
     *     failure is not one (or has a cause of another class first)
     */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("22") || state.startsWith("23") ? Optional.of(state) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
