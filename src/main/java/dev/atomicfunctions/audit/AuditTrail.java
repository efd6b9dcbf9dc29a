package dev.atomicfunctions.audit;

import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.transaction.TransactionAttempt;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Collection;

/**
 * Records who changed what. It only ever joins the caller's transaction, so an audit row exists exactly when the
 * change it describes was committed. Every write of an entry point records here, so the insert also hands the
 * transaction's id to the retrier ({@link TransactionAttempt}), at no extra round trip.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class AuditTrail {

    private final AuditRepository entries;
    private final Clock clock;

    AuditTrail(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * @param invocation    who made the change, and through which invocation
     * @param action        what was done
     * @param entityType    the kind of entity, for example {@code task}
     * @param entityId      the entity's id
     * @param changedFields the fields whose values were set or changed
     */
    public void record(Invocation invocation, AuditAction action, String entityType, String entityId,
                       Collection<String> changedFields) {
        TransactionAttempt.transactionId(entries.insert(new AuditEntry(null, action, entityType, entityId,
            invocation.subject(), invocation.origin(), invocation.originId(), invocation.correlationId(),
            invocation.lambdaRequestId(), clock.instant(), changedFields.toArray(String[]::new), null)));
    }

    /**
     * Records an attempt that failed. Called by {@link FailedAttemptRecorder}, in the transaction it opens after the
     * attempt's own rolled back.
     */
    void recordFailure(Invocation invocation, String entityType, String entityId, String reason) {
        entries.insert(new AuditEntry(null, AuditAction.ATTEMPT_FAILED, entityType, entityId, invocation.subject(),
            invocation.origin(), invocation.originId(), invocation.correlationId(), invocation.lambdaRequestId(),
            clock.instant(), new String[0], reason));
    }
}
