package dev.atomicfunctions.audit;

import dev.atomicfunctions.platform.invocation.Invocation;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The one place besides entry points that opens a transaction: a short one of its own ({@code REQUIRES_NEW}) for
 * the audit record of a failed attempt, after the attempt's transaction rolled back. {@code ArchitectureTest} names
 * this class as the only such exception.
 */
@Singleton
class FailedAttemptRecorder {

    private final AuditTrail audit;

    FailedAttemptRecorder(AuditTrail audit) {
        this.audit = audit;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    void record(Invocation invocation, String entityType, String entityId, String reason) {
        audit.recordFailure(invocation, entityType, entityId, reason);
    }
}
