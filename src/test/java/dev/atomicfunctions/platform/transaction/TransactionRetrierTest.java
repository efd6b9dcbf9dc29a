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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which failures run the whole transaction again, how often, and never past the Lambda's deadline. */
class TransactionRetrierTest {

    private final AtomicLong remainingMillis = new AtomicLong(10_000);
    private final TransactionRetrier retrier = new TransactionRetrier(4, Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofSeconds(3), remainingMillis::get);

    @ParameterizedTest(name = "SQLSTATE {0} is retried")
    @CsvSource({"40001", "40P01", "55P03", "08006"})
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
    void neverRunsAgainATransactionWhoseCommitLostItsConnection() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retrier.run("test", () -> {
            attempts.incrementAndGet();
            throw new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("I/O error", "08006"));
        })).isInstanceOf(TransactionOutcomeUnknownException.class)
            .extracting(e -> ((DomainException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(attempts).hasValue(1);
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
