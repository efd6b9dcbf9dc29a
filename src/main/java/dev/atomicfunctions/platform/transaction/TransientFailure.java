package dev.atomicfunctions.platform.transaction;

import io.micronaut.transaction.exceptions.TransactionSystemException;

import java.sql.SQLException;
import java.util.Optional;

/** What the database's answer means for a retry of the whole transaction. */
enum TransientFailure {
    /** Another transaction won a race (serialization failure, deadlock, lock timeout): a new attempt may not. */
    CONTENTION,
    /** The connection broke before COMMIT was sent: nothing was committed, a new attempt on a new connection may work. */
    CONNECTION_LOST;

    /**
     * @return why the transaction may be retried, or empty when it must not be: a domain refusal, a bug, or a
     *     failure during COMMIT (the outcome is unknown: it may have committed)
     */
    static Optional<TransientFailure> of(Throwable failure) {
        boolean duringCommit = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransactionSystemException) {
                duringCommit = true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
                    return Optional.of(CONTENTION);
                }
                if (state.startsWith("08") && !duringCommit) {
                    return Optional.of(CONNECTION_LOST);
                }
            }
        }
        return Optional.empty();
    }

    /** @return whether the failure happened while committing, with a lost connection: the outcome is unknown */
    static boolean outcomeUnknown(Throwable failure) {
        boolean duringCommit = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            duringCommit |= t instanceof TransactionSystemException;
            if (duringCommit && t instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
