package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.InterceptorOrder;
import dev.atomicfunctions.platform.invocation.TimeBudget;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Just inside Micronaut's transaction interceptor, once a transaction has begun and holds its connection:
 * <ul>
 *   <li>bounds every network read of the transaction, COMMIT included, by the invocation's time left
 *   ({@code Connection.setNetworkTimeout}: the socket's read timeout, read and set without a round trip, lowered
 *   only, and reset by the pool when the connection returns). A retried attempt keeps back the retry margin for its audit and its answer; any
 *   other transaction, the answer margin. A statement stuck on a black-holed network ends as a lost connection,
 *   in time to answer;</li>
 *   <li>records what the work of a retried attempt did ({@link TransactionAttempt}): what it answered, or how it
 *   failed, before the commit or rollback that follows can hide it.</li>
 * </ul>
 * Methods that only join a transaction ({@code MANDATORY}) are passed through on their annotation alone.
 */
@InterceptorBean(Transactional.class)
final class AttemptBoundary implements MethodInterceptor<Object, Object> {

    private final TransactionOperations<Connection> transactions;
    private final TimeBudget budget;
    private final long attemptKeepBackMillis;

    @Inject
    AttemptBoundary(TransactionOperations<Connection> transactions, TimeBudget budget,
                    @Value("${atomic.retry.deadline-margin}") Duration attemptKeepBack) {
        this.transactions = transactions;
        this.budget = budget;
        this.attemptKeepBackMillis = attemptKeepBack.toMillis();
    }

    @Override
    public int getOrder() {
        return InterceptorOrder.ATTEMPT_BOUNDARY;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        if (context.enumValue(Transactional.class, "propagation", TransactionDefinition.Propagation.class)
            .orElse(TransactionDefinition.Propagation.REQUIRED) == TransactionDefinition.Propagation.MANDATORY) {
            return context.proceed();
        }
        Optional<? extends TransactionStatus<?>> status = transactions.findTransactionStatus();
        if (status.isEmpty() || !status.get().isNewTransaction()) {
            return context.proceed();
        }
        TransactionAttempt attempt = TransactionAttempt.awaitingItsTransaction();
        Connection connection = (Connection) status.get().getConnection();
        boundNetworkReads(connection, attempt == null ? 0 : attemptKeepBackMillis);
        if (attempt == null) {
            return context.proceed();
        }
        attempt.begun();
        try {
            Object answer = context.proceed();
            attempt.returned(answer);
            return answer;
        } catch (RuntimeException failure) {
            attempt.failed(failure, isClosed(connection));
            throw failure;
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Never above the configured socket timeout ({@code DB_SOCKET_TIMEOUT_S}): only lower, when less time is left. */
    private void boundNetworkReads(Connection connection, long keepBackMillis) {
        try {
            int configured = connection.getNetworkTimeout();
            int bound = budget.callBoundMillis(keepBackMillis);
            if (configured == 0 || bound < configured) {
                connection.setNetworkTimeout(Runnable::run, bound);
            }
        } catch (SQLException e) {
            // A connection already broken: its first statement reports it, as a lost connection.
        }
    }
}
