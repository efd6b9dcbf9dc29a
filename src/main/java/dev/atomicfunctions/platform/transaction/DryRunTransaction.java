package dev.atomicfunctions.platform.transaction;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * In a {@link DryRun}, runs several pieces of work (requests) in one transaction of its own, which is rolled back:
 * what one writes, the next one sees, and nothing is kept. The entry points the work goes through join this
 * transaction instead of beginning their own. What lets SnapStart priming place an order for a product that exists
 * only for it, locking no row anyone else could want.
 */
@Singleton
public final class DryRunTransaction {

    private final TransactionOperations<Connection> transactions;

    DryRunTransaction(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * @param work what to run in the transaction
     * @return what the work returned, once its transaction has been rolled back
     * @throws IllegalStateException outside a dry run
     */
    public <T> T run(Supplier<T> work) {
        if (!DryRun.active()) {
            throw new IllegalStateException("a dry-run transaction outside a dry run");
        }
        return transactions.execute(TransactionDefinition.DEFAULT, status -> {
            status.setRollbackOnly();
            return work.get();
        });
    }
}
