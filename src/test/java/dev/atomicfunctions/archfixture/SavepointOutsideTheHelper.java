package dev.atomicfunctions.archfixture;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;

/** A service that opens its own savepoints instead of going through the one savepoint helper. */
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public abstract class SavepointOutsideTheHelper {

    @Transactional(propagation = TransactionDefinition.Propagation.NESTED)
    void tryItem() {
    }
}
