package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.invocation.TimeBudget;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Learns what became of a transaction whose COMMIT got no reply, by asking the database on a new connection: it
 * keeps every transaction's fate ({@code pg_xact_status}). While the transaction is still in progress its session is
 * either committing (it is waited for) or idle, waiting for a COMMIT that the broken connection will never deliver:
 * that session is ended ({@code pg_terminate_backend}, allowed on the role's own sessions), which aborts the
 * transaction at once instead of at the server's idle-in-transaction bound. Everything within the invocation's time:
 * a database that cannot be asked in time leaves the outcome {@link Outcome#UNKNOWN}.
 */
@Singleton
final class CommitResolution {

    /** What became of the transaction. */
    enum Outcome { COMMITTED, ABORTED, UNKNOWN }

    private static final Logger LOG = LoggerFactory.getLogger("transaction");
    private static final long POLL_MILLIS = 50;
    private static final String STATUS = "SELECT pg_xact_status(CAST(CAST(? AS text) AS xid8))";
    /** backend_xid is the 32-bit xid: the 64-bit id without its epoch. */
    private static final String END_ORPHAN = """
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE backend_xid = CAST(CAST(? % 4294967296 AS text) AS xid) AND state LIKE 'idle in transaction%'""";

    private final ConnectionOperations<Connection> connections;
    private final TimeBudget budget;

    CommitResolution(ConnectionOperations<Connection> connections, TimeBudget budget) {
        this.connections = connections;
        this.budget = budget;
    }

    /**
     * @param transactionId the transaction's 64-bit id, or 0 when it is not known
     * @return what became of it, as the database says, or UNKNOWN when it could not say in time
     */
    Outcome resolve(long transactionId) {
        if (transactionId == 0) {
            return Outcome.UNKNOWN;
        }
        while (budget.allowsAnotherTransaction()) {
            try {
                return connections.execute(ConnectionDefinition.REQUIRES_NEW,
                    status -> ask(status.getConnection(), transactionId));
            } catch (RuntimeException unreachable) {
                LOG.atInfo().addKeyValue("transactionId", transactionId)
                    .addKeyValue("cause", unreachable.getClass().getSimpleName())
                    .log("commit outcome not yet known: the database did not answer");
                pause();
            }
        }
        return Outcome.UNKNOWN;
    }

    private Outcome ask(Connection connection, long transactionId) {
        try {
            connection.setNetworkTimeout(Runnable::run, budget.callBoundMillis(0));
            boolean orphanEnded = false;
            while (true) {
                String status = status(connection, transactionId);
                if ("committed".equals(status)) {
                    return Outcome.COMMITTED;
                }
                if ("aborted".equals(status)) {
                    return Outcome.ABORTED;
                }
                if (status == null || budget.untilAnswerMarginMillis() < POLL_MILLIS * 2) {
                    return Outcome.UNKNOWN;
                }
                if (!orphanEnded) {
                    orphanEnded = endOrphan(connection, transactionId);
                }
                pause();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("commit outcome not learnt", e);
        }
    }

    private static String status(Connection connection, long transactionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(STATUS)) {
            statement.setLong(1, transactionId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** @return whether the transaction's session was waiting, idle, for its COMMIT, and was ended */
    private static boolean endOrphan(Connection connection, long transactionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(END_ORPHAN)) {
            statement.setLong(1, transactionId);
            try (ResultSet row = statement.executeQuery()) {
                boolean ended = row.next() && row.getBoolean(1);
                if (ended) {
                    LOG.atInfo().addKeyValue("transactionId", transactionId)
                        .log("session left idle in its transaction by a lost connection: ended");
                }
                return ended;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving a commit", e);
        }
    }
}
