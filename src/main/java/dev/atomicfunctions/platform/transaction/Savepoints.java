package dev.atomicfunctions.platform.transaction;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.function.Supplier;

/**
 * The one way to partial success: runs a piece of work in a savepoint of the caller's transaction ({@code NESTED}).
 * If the work fails, only what it wrote is rolled back and the transaction goes on; if the caller's transaction
 * rolls back, so does everything. A unique violation or any other error aborts the whole PostgreSQL transaction
 * unless it happened inside a savepoint: this is also how a conflicting row can be read after a failed insert.
 * {@code ArchitectureTest} allows {@code NESTED} here only.
 */
@Singleton
public class Savepoints {

    /**
     * @param work what to run inside the savepoint; it must run inside a transaction already
     * @return what the work returned, its writes kept
     * @throws RuntimeException what the work threw, its writes rolled back to the savepoint
     */
    @Transactional(propagation = TransactionDefinition.Propagation.NESTED)
    public <T> T attempt(Supplier<T> work) {
        return work.get();
    }
}
