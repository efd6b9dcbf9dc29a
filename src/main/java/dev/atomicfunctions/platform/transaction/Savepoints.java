package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.database.DatabaseEngine;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * The one way to partial success: runs a piece of work in a savepoint of the caller's transaction ({@code NESTED}).
 * If the work fails, only what it wrote is rolled back and the transaction goes on; if the caller's transaction
 * rolls back, so does everything. A unique violation or any other error aborts the whole PostgreSQL transaction
 * unless it happened inside a savepoint: this is also how a conflicting row can be read after a failed insert.
 * <p>
 * With no transaction around it, {@code NESTED} would begin one of its own and commit it: each attempt an
 * independent commit that no entry point owns. So it refuses, before anything begins. It asks the transaction
 * manager first and then runs the savepoint itself, rather than through {@code @Transactional(propagation = NESTED)}:
 * the annotation's interceptor would already have begun that transaction when the method could ask.
 */
@Singleton
public class Savepoints {

    private static final TransactionDefinition SAVEPOINT = TransactionDefinition.of(
        TransactionDefinition.Propagation.NESTED);

    private final TransactionOperations<Connection> transactions;
    private final DatabaseEngine engine;

    Savepoints(TransactionOperations<Connection> transactions, DatabaseEngine engine) {
        this.transactions = transactions;
        this.engine = engine;
    }

    /**
     * @param work what to run inside the savepoint
     * @return what the work returned, its writes kept
     * @throws RuntimeException      what the work threw, its writes rolled back to the savepoint
     * @throws IllegalStateException when no transaction is active, or the engine has no savepoints (DSQL: the
     *     caller must take the way without, see {@link DatabaseEngine#hasSavepoints()}): nothing ran
     */
    public <T> T attempt(Supplier<T> work) {
        if (!engine.hasSavepoints()) {
            throw new IllegalStateException("Savepoints.attempt on " + engine + ", which has no savepoints");
        }
        if (transactions.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("Savepoints.attempt needs the caller's transaction and none is active: "
                + "a savepoint outside one would begin and commit a transaction of its own. Call it from a service "
                + "that joins an entry point's transaction (MANDATORY).");
        }
        return transactions.execute(SAVEPOINT, status -> work.get());
    }
}
