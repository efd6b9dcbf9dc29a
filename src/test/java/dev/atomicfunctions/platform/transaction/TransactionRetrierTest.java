package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.TransactionSystemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which failures run the whole transaction again, how often, and never past the Lambda's deadline; what a lost
 * COMMIT becomes for each answer of the database. The same failures, caused for real (terminated backends, cut
 * sockets, lost COMMIT replies), are in {@code DatabaseFaultsIT}.
 */
class TransactionRetrierTest {

    private final AtomicLong remainingMillis = new AtomicLong(10_000);
    private final AtomicReference<CommitResolution.Outcome> databaseSays =
        new AtomicReference<>(CommitResolution.Outcome.UNKNOWN);
    private final TransactionRetrier retrier = new TransactionRetrier(4, Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofSeconds(3), remainingMillis::get, id -> databaseSays.get());

    @ParameterizedTest(name = "SQLSTATE {0} is retried")
    @CsvSource({"40001", "40P01", "55P03", "08006", "08003", "57P01", "57P02", "57P03"})
    void retriesWhatTheDatabaseGaveUpThroughNoFaultOfTheRequest(String sqlState) {
        AtomicInteger attempts = new AtomicInteger();

        String result = retrier.run("test", () -> attempts.incrementAndGet() < 3 ? fail(sqlState) : "done");

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @ParameterizedTest(name = "SQLSTATE {0} exhausted -> {1}")
    @CsvSource({"40001, CONFLICT", "40P01, CONFLICT", "08006, UNAVAILABLE"})
    void givesUpAfterTheLastAttemptWithAConflictOrUnavailable(String sqlState, ErrorKind kind) {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retrier.run("test", () -> {
            attempts.incrementAndGet();
            return fail(sqlState);
        })).isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).kind()).isEqualTo(kind);
        assertThat(attempts).hasValue(4);
    }

    @Test
    void neverStartsAnAttemptWithLessThanTheMarginLeft() {
        remainingMillis.set(2_999);
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retrier.run("test", () -> {
            attempts.incrementAndGet();
            return fail("40001");
        })).isInstanceOf(TransactionRetriesExhaustedException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void neverRunsAgainATransactionWhoseCommitOutcomeTheDatabaseCannotTell() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retrier.run("test", () -> {
            attempts.incrementAndGet();
            return commitFails("answer");
        })).isInstanceOf(TransactionOutcomeUnknownException.class)
            .extracting(e -> ((DomainException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void answersWhatTheWorkReturnedWhenTheDatabaseSaysTheLostCommitCommitted() {
        databaseSays.set(CommitResolution.Outcome.COMMITTED);
        AtomicInteger attempts = new AtomicInteger();

        String result = retrier.run("test", () -> {
            attempts.incrementAndGet();
            return commitFails("answer");
        });

        assertThat(result).isEqualTo("answer");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void runsAgainATransactionWhoseLostCommitTheDatabaseAborted() {
        databaseSays.set(CommitResolution.Outcome.ABORTED);
        AtomicInteger attempts = new AtomicInteger();

        String result = retrier.run("test", () -> attempts.incrementAndGet() < 2 ? commitFails("first") : "second");

        assertThat(result).isEqualTo("second");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void judgesTheWorksOwnFailureNotTheRollbackErrorThatReplacedIt() {
        AtomicInteger attempts = new AtomicInteger();

        String result = retrier.run("test", () -> {
            if (attempts.incrementAndGet() < 2) {
                TransactionAttempt attempt = TransactionAttempt.awaitingItsTransaction();
                attempt.begun();
                attempt.failed(new DataAccessException("terminated", new SQLException("terminated", "57P01")), true);
                throw new TransactionSystemException("Could not roll back JDBC transaction",
                    new SQLException("Connection is closed"));
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(2);
    }

    /**
     * Aurora DSQL adjudicates conflicts at COMMIT: the work returned, and COMMIT itself fails with 40001 (OC000). The
     * transaction certainly did not commit: it is run again, and the database is not asked (were it asked, it would
     * say "committed" here and the first answer would come back).
     */
    @Test
    void runsAgainATransactionWhoseCommitAnOptimisticConflictRefused() {
        databaseSays.set(CommitResolution.Outcome.COMMITTED);
        AtomicInteger attempts = new AtomicInteger();

        String result = retrier.run("test", () -> attempts.incrementAndGet() < 2 ? commitConflicts("first") : "second");

        assertThat(result).isEqualTo("second");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void runsAgainATransactionThatLostARaceTheDatabaseAnsweredAsARefusal() {
        AtomicInteger attempts = new AtomicInteger();

        String result = retrier.run("test", () -> {
            if (attempts.incrementAndGet() < 2) {
                throw new LostRaceException(new SQLException("duplicate key", "23505"));
            }
            return "found the winner";
        });

        assertThat(result).isEqualTo("found the winner");
        assertThat(attempts).hasValue(2);
    }

    private static String commitConflicts(String answer) {
        TransactionAttempt attempt = TransactionAttempt.awaitingItsTransaction();
        attempt.begun();
        attempt.returned(answer);
        throw new TransactionSystemException("Could not commit JDBC transaction",
            new SQLException("mutation conflicts with another transaction, retry as needed (OC000)", "40001"));
    }

    /** What the transaction interceptor does when the work returned and COMMIT lost its connection. */
    private static String commitFails(String answer) {
        TransactionAttempt attempt = TransactionAttempt.awaitingItsTransaction();
        attempt.begun();
        TransactionAttempt.transactionId(42);
        attempt.returned(answer);
        throw new TransactionSystemException("Could not roll back JDBC transaction",
            new SQLException("Connection is closed"));
    }

    @ParameterizedTest(name = "SQLSTATE {0} is not retried")
    @CsvSource({"23505", "22001", "57014"})
    void passesOtherFailuresThroughAtOnce(String sqlState) {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retrier.run("test", () -> {
            attempts.incrementAndGet();
            return fail(sqlState);
        })).isInstanceOf(DataAccessException.class);
        assertThat(attempts).hasValue(1);
    }

    private static String fail(String sqlState) {
        throw new DataAccessException("failed", new SQLException("failed", sqlState));
    }
}
