package dev.atomicfunctions.audit;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.invocation.TimeBudget;
import dev.atomicfunctions.platform.InterceptorOrder;
import dev.atomicfunctions.platform.transaction.TransactionOutcomeUnknownException;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.type.MutableArgumentValue;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Implements {@link AuditFailedAttempts}: outside the transaction retrier and the transaction itself, so that it sees
 * the final failure, after the rollback.
 */
@Singleton
@InterceptorBean(AuditFailedAttempts.class)
final class AuditFailedAttemptsInterceptor implements MethodInterceptor<Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(AuditFailedAttemptsInterceptor.class);

    private final FailedAttemptRecorder attempts;
    private final TimeBudget budget;

    AuditFailedAttemptsInterceptor(FailedAttemptRecorder attempts, TimeBudget budget) {
        this.attempts = attempts;
        this.budget = budget;
    }

    @Override
    public int getOrder() {
        return InterceptorOrder.FAILED_ATTEMPT_AUDIT;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        try {
            return context.proceed();
        } catch (RuntimeException failure) {
            record(context, failure);
            throw failure;
        }
    }

    private void record(MethodInvocationContext<Object, Object> context, RuntimeException failure) {
        Invocation invocation = null;
        String entityId = "";
        for (MutableArgumentValue<?> argument : context.getParameters().values()) {
            if (argument.getValue() instanceof Invocation value) {
                invocation = value;
            } else if (argument.getName().equals("id") && argument.getValue() != null) {
                entityId = argument.getValue().toString();
            }
        }
        String entity = context.stringValue(AuditFailedAttempts.class).orElse("");
        if (invocation == null || entity.isEmpty()) {
            return;
        }
        String reason = context.getMethodName() + ": " + reason(failure);
        if (failure instanceof TransactionOutcomeUnknownException) {
            // It may have committed: an ATTEMPT_FAILED row could contradict the data.
            unaudited(invocation, entity, entityId, reason, "its outcome is unknown");
        } else if (!budget.allowsAnotherTransaction()) {
            unaudited(invocation, entity, entityId, reason, "no time left before the deadline");
        } else {
            try {
                attempts.record(invocation, entity, entityId, reason);
            } catch (RuntimeException unrecorded) {
                // The database that failed the write may fail this too; the original failure is what the caller gets.
                unaudited(invocation, entity, entityId, reason, unrecorded.getClass().getSimpleName());
            }
        }
    }

    /** The one line that stands for the audit row when it cannot be written: every id the row would have held. */
    private static void unaudited(Invocation invocation, String entity, String entityId, String reason, String why) {
        LOG.atWarn().addKeyValue("entity", entity).addKeyValue("entityId", entityId).addKeyValue("reason", reason)
            .addKeyValue("actor", invocation.subject()).addKeyValue("origin", invocation.origin())
            .addKeyValue("originId", invocation.originId()).addKeyValue("correlationId", invocation.correlationId())
            .addKeyValue("lambdaRequestId", invocation.lambdaRequestId())
            .log("failed attempt not audited: {}", why);
    }

    private static String reason(RuntimeException failure) {
        return failure instanceof DomainException domain
            ? domain.type().substring(domain.type().lastIndexOf(':') + 1)
            : "unexpected " + failure.getClass().getSimpleName();
    }
}
