package dev.atomicfunctions.platform.transaction;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a failure means for a retry of the whole transaction, judged by its causes. */
public enum TransientFailure {
    /**
     * Another transaction won a race (serialization failure, deadlock, lock timeout, a {@link LostRaceException}):
     * a new attempt may not.
     */
    CONTENTION,
    /** The connection was lost, or none could be had: a new attempt, on a new connection, may work. */
    CONNECTION_LOST;

    private static final Set<String> CONTENTION_STATES = Set.of("40001", "40P01", "55P03");
    /** The server ended the session: terminated (pg_terminate_backend, a fast shutdown), crashed, or starting. */
    private static final Set<String> SESSION_ENDED_STATES = Set.of("57P01", "57P02", "57P03");

    /**
     * @param failure the failure of the work (or of its transaction)
     * @return why the transaction may be run again, or empty when it must not be: a domain refusal or a bug
     */
    static Optional<TransientFailure> of(Throwable failure) {
        List<Throwable> causes = causes(failure);
        for (Throwable cause : causes) {
            if (cause instanceof LostRaceException) {
                return Optional.of(CONTENTION);
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                && CONTENTION_STATES.contains(sql.getSQLState())) {
                return Optional.of(CONTENTION);
            }
        }
        return causes.stream().anyMatch(TransientFailure::isConnectionFailure)
            ? Optional.of(CONNECTION_LOST) : Optional.empty();
    }

    /**
     * @return whether the failure is the connection's (lost, or none to be had), however it is reported: not the
     *     request's fault, so the same request may well succeed later (what the queue consumer redelivers)
     */
    public static boolean connectionLost(Throwable failure) {
        return causes(failure).stream().anyMatch(TransientFailure::isConnectionFailure);
    }

    /**
     * @return whether the database itself refused (an SQLState that says neither contention nor a lost connection):
     *     what it refused did not happen, and doing it again would be refused again
     */
    static boolean refusedByTheDatabase(Throwable failure) {
        List<Throwable> causes = causes(failure);
        return causes.stream().noneMatch(TransientFailure::isConnectionFailure)
            && causes.stream().anyMatch(c -> c instanceof SQLException sql && sql.getSQLState() != null);
    }

    /**
     * A failure of the connection rather than of the statement, however it is reported: SQLState class 08 (pgjdbc:
     * an I/O error, a connection already closed), 57P01-57P03 (the server ended the session), an I/O failure (a
     * reset, an end of stream, a read timeout), the pool's own timeout, or Micronaut's failure to get or close one
     * (not its "no connection in this context", which is a bug).
     */
    private static boolean isConnectionFailure(Throwable cause) {
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return sql.getSQLState().startsWith("08") || SESSION_ENDED_STATES.contains(sql.getSQLState());
        }
        return cause instanceof IOException || cause instanceof SQLTransientConnectionException
            || cause instanceof ConnectionException && !(cause instanceof NoConnectionException)
            || cause instanceof CannotGetJdbcConnectionException;
    }

    /** @return the failure, its causes and chained SQL exceptions, each once */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = failure; t != null && !causes.contains(t) && causes.size() < 32; t = t.getCause()) {
            causes.add(t);
            if (t instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && causes.size() < 32;
                     next = next.getNextException()) {
                    if (next != t && !causes.contains(next)) {
                        causes.add(next);
                    }
                }
            }
        }
        return causes;
    }
}
