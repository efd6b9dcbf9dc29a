package dev.atomicfunctions.archfixture;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;

/**
 * A service that calls an entry point inside its own caller's transaction, where the entry point's transaction is not
 * the request's. Abstract and behind a property no context sets, so never a bean; {@code ArchitectureTest} must catch
 * it.
 */
@Requires(property = "atomic.archfixture")
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public abstract class ServiceCallingAnEntryPoint {

    private final EntryPointInItsOwnTransaction entryPoint;

    ServiceCallingAnEntryPoint(EntryPointInItsOwnTransaction entryPoint) {
        this.entryPoint = entryPoint;
    }

    void place() {
        entryPoint.record();
    }
}
