package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.InterceptorOrder;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.annotation.Transactional;

import java.sql.Connection;

/**
 * Implements {@link DryRun}: just inside Micronaut's transaction interceptor, so the transaction has begun, it marks a
 * new writable transaction rollback-only. The transaction interceptor then rolls it back where it would commit, with
 * no error. Outside a dry run it only reads a thread-local.
 */
@InterceptorBean(Transactional.class)
final class DryRunRollback implements MethodInterceptor<Object, Object> {

    private final TransactionOperations<Connection> transactions;

    DryRunRollback(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public int getOrder() {
        return InterceptorOrder.DRY_RUN_ROLLBACK;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        if (DryRun.active()) {
            transactions.findTransactionStatus()
                .filter(status -> status.isNewTransaction()
                    && !status.getTransactionDefinition().isReadOnly().orElse(false))
                .ifPresent(TransactionStatus::setRollbackOnly);
        }
        return context.proceed();
    }
}
