package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Savepoints} on the real database: a savepoint of the caller's transaction, and nothing at all without one
 * (where {@code NESTED} alone would begin and commit a transaction per attempt). What was written is read from the
 * committed rows.
 */
@ExtendWith(TestDatabase.class)
class SavepointsIT {

    private static ApplicationContext context;
    private static Savepoints savepoints;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run();
        savepoints = context.getBean(Savepoints.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /** What the review found: two attempts with no transaction around them, each of which would have committed. */
    @Test
    void refusesEveryAttemptWithNoTransactionAroundItAndWritesNothing() {
        UUID product = Catalogue.product("EUR", 100, 1);
        AtomicInteger ran = new AtomicInteger();

        for (String name : new String[]{"first attempt", "second attempt"}) {
            assertThatThrownBy(() -> savepoints.attempt(() -> {
                ran.incrementAndGet();
                return rename(product, name);
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("none is active");
        }

        assertThat(ran).hasValue(0);
        assertThat(name(product)).isEqualTo("Test product");
    }

    /** The work of a failed attempt is undone alone; the caller's transaction commits the rest. */
    @Test
    void keepsASuccessfulAttemptAndUndoesAFailedOneInTheCallersTransaction() {
        UUID product = Catalogue.product("EUR", 100, 1);

        inTransaction(() -> {
            savepoints.attempt(() -> rename(product, "kept"));
            assertThatThrownBy(() -> savepoints.attempt(() -> {
                rename(product, "undone");
                throw new IllegalArgumentException("refused");
            })).isInstanceOf(IllegalArgumentException.class);
            return null;
        });

        assertThat(name(product)).isEqualTo("kept");
    }

    private static int rename(UUID product, String name) {
        return context.getBean(JdbcOperations.class).prepareStatement(
            "UPDATE product SET name = ? WHERE id = ?", statement -> {
                statement.setString(1, name);
                statement.setObject(2, product);
                return statement.executeUpdate();
            });
    }

    private static String name(UUID product) {
        return (String) Db.rows("SELECT name FROM product WHERE id = ?", product).getFirst().get("name");
    }

    @SuppressWarnings("unchecked")
    private static <T> T inTransaction(java.util.function.Supplier<T> work) {
        TransactionOperations<Connection> transactions = context.getBean(
            Argument.of(TransactionOperations.class, Connection.class));
        return transactions.executeWrite(status -> work.get());
    }
}
