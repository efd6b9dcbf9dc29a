package dev.atomicfunctions.outbox;

import dev.atomicfunctions.platform.transaction.DryRun;
import dev.atomicfunctions.platform.InterceptorOrder;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Implements {@link RelayAfterCommit}: outside every transaction interceptor, so it runs after the commit. */
@Singleton
@InterceptorBean(RelayAfterCommit.class)
final class RelayAfterCommitInterceptor implements MethodInterceptor<Object, Object> {

    private final OutboxDrain drain;
    private final Duration budget;
    private final Duration answerMargin;

    RelayAfterCommitInterceptor(OutboxDrain drain, @Value("${atomic.outbox.after-commit-budget}") Duration budget,
                       @Value("${atomic.deadline.answer-margin}") Duration answerMargin) {
        this.drain = drain;
        this.budget = budget;
        this.answerMargin = answerMargin;
    }

    @Override
    public int getOrder() {
        return InterceptorOrder.RELAY_AFTER_COMMIT;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        Object result = context.proceed();
        if (!DryRun.active()) {
            // A dry run (SnapStart priming) kept nothing, and sends nothing to the queue either.
            drain.drain(budget, answerMargin);
        }
        return result;
    }
}
