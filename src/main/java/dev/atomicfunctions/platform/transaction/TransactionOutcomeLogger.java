package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.InterceptorOrder;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.sql.Connection;

/**
 * Logs the outcome and duration of every transaction an entry point owns: it wraps each {@code @Transactional}
 * method, outside Micronaut's transaction interceptor, so it sees the commit (or its failure) too. Methods that
 * join an existing transaction (the {@code MANDATORY} services) are passed through without a line. In a
 * {@link DryRun}, a writable transaction that would have committed is logged as rolled back, as it was.
 */
@InterceptorBean(Transactional.class)
final class TransactionOutcomeLogger implements MethodInterceptor<Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger("transaction");

    private final TransactionOperations<Connection> transactions;

    TransactionOutcomeLogger(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public int getOrder() {
        return InterceptorOrder.OUTCOME_LOG;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        // A MANDATORY method always joins: told by its annotation, without looking up the transaction (measured:
        // the lookup on each service call was 3% of a warm POST /tasks, which makes four such calls).
        if (context.enumValue(Transactional.class, "propagation", TransactionDefinition.Propagation.class)
            .orElse(TransactionDefinition.Propagation.REQUIRED) == TransactionDefinition.Propagation.MANDATORY
            || transactions.findTransactionStatus().isPresent()) {
            return context.proceed();
        }
        String boundary = context.getDeclaringType().getSimpleName() + "." + context.getMethodName();
        long start = System.nanoTime();
        try {
            Object result = context.proceed();
            log(boundary, DryRun.active() && !context.booleanValue(Transactional.class, "readOnly").orElse(false)
                ? "rolled back (dry run)" : "committed", start, null);
            return result;
        } catch (RuntimeException | Error e) {
            // A COMMIT the database refused rolled back; one that lost its connection may not have, and the retrier
            // asks the database what became of it.
            boolean unknown = TransactionAttempt.committing() && !TransientFailure.refusedByTheDatabase(e);
            log(boundary, unknown ? "commit failed" : "rolled back", start, e);
            throw e;
        }
    }

    private static void log(String boundary, String outcome, long start, Throwable cause) {
        LoggingEventBuilder event = LOG.atInfo()
            .addKeyValue("boundary", boundary)
            .addKeyValue("outcome", outcome)
            .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000);
        if (cause != null) {
            event = event.addKeyValue("cause", cause.getClass().getSimpleName());
        }
        event.log("transaction {}: {}", outcome, boundary);
    }
}
