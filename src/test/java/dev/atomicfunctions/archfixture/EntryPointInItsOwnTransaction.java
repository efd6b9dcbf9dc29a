package dev.atomicfunctions.archfixture;

import dev.atomicfunctions.platform.transaction.EntryPoint;
import dev.atomicfunctions.platform.transaction.ReadCommitted;
import dev.atomicfunctions.platform.transaction.RetryTransaction;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Marks itself an entry point and begins a transaction apart from its caller's: called by a service
 * ({@link ServiceCallingAnEntryPoint}), it commits inside someone else's transaction. Three ways to say so: on
 * {@code @Transactional}, on {@code @ReadOnly}, and through an annotation of one's own that carries it. Abstract and
 * behind a property no context sets, so never a bean; {@code ArchitectureTest} must catch each.
 */
@Requires(property = "atomic.archfixture")
@EntryPoint
public abstract class EntryPointInItsOwnTransaction {

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    @ReadCommitted
    @RetryTransaction
    void record() {
    }

    @ReadOnly(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    String read() {
        return "read";
    }

    @OwnTransaction
    @ReadCommitted
    @RetryTransaction
    void recordToo() {
    }

    /** A stereotype: Micronaut applies the {@code @Transactional} it carries to what it annotates. */
    @Retention(RetentionPolicy.RUNTIME)
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    @interface OwnTransaction {
    }
}
