package dev.atomicfunctions.audit;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.invocation.Invocation;
import io.micronaut.aop.InterceptPhase;
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
final class FailedAttemptAuditor implements MethodInterceptor<Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(FailedAttemptAuditor.class);

    private final FailedAttempts attempts;

    FailedAttemptAuditor(FailedAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public int getOrder() {
        return InterceptPhase.TRANSACTION.getPosition() - 15;
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
            } else if (argument.getName().equals("id") && argument.getValue() instanceof String value) {
                entityId = value;
            }
        }
        if (invocation == null) {
            return;
        }
        String entity = context.stringValue(AuditFailedAttempts.class).orElse(context.getMethodName());
        try {
            attempts.record(invocation, entity, entityId, context.getMethodName() + ": " + reason(failure));
        } catch (RuntimeException unrecorded) {
            // The database that failed the write may fail this too; the original failure is what the caller gets.
            LOG.atWarn().addKeyValue("entity", entity).addKeyValue("reason", reason(failure))
                .log("failed attempt not audited: {}", unrecorded.getClass().getSimpleName());
        }
    }

    private static String reason(RuntimeException failure) {
        return failure instanceof DomainException domain
            ? domain.type().substring(domain.type().lastIndexOf(':') + 1)
            : "unexpected " + failure.getClass().getSimpleName();
    }
}
