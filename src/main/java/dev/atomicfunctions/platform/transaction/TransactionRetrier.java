package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.InterceptorOrder;
import dev.atomicfunctions.platform.invocation.Deadline;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Implements {@link RetryTransaction}: outside the transaction interceptor (and its outcome log), so that every
 * attempt is a whole transaction. Backoff is exponential with full jitter (a random delay between zero and
 * {@code base * 2^attempt}, capped), so that racing environments do not collide again in step. An attempt never
 * starts when less than {@code atomic.retry.deadline-margin} is left before Lambda stops the invocation: the caller
 * then gets its answer (409 or 503) instead of a timeout.
 * <p>
 * A failure is judged by what the attempt recorded ({@link TransactionAttempt}), not by the exception that comes
 * out of the transaction interceptor. Before COMMIT, the work's own failure decides (a broken connection's rollback
 * error would otherwise hide it). After the work returned, the failure happened while committing: unless the
 * database said why it refused, the transaction may have committed, so its fate is asked of the database
 * ({@link CommitResolution}): committed, the caller gets the answer the work returned; aborted, the transaction is
 * run again; not learnt in time, {@link TransactionOutcomeUnknownException}. Never guessed.
 */
@Singleton
@InterceptorBean(RetryTransaction.class)
final class TransactionRetrier implements MethodInterceptor<Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger("transaction");

    /** SnapStart-safe: Lambda reseeds SecureRandom after a restore (a seeded java.util.Random would repeat). */
    private final SecureRandom jitter = new SecureRandom();
    private final int maxAttempts;
    private final long baseDelayMillis;
    private final long maxDelayMillis;
    private final long marginMillis;
    private final LongSupplier remainingMillis;
    private final LongFunction<CommitResolution.Outcome> resolution;

    @Inject
    TransactionRetrier(@Value("${atomic.retry.max-attempts}") int maxAttempts,
                       @Value("${atomic.retry.base-delay}") Duration baseDelay,
                       @Value("${atomic.retry.max-delay}") Duration maxDelay,
                       @Value("${atomic.retry.deadline-margin}") Duration margin,
                       CommitResolution resolution) {
        this(maxAttempts, baseDelay, maxDelay, margin, Deadline::remainingMillis, resolution::resolve);
    }

    TransactionRetrier(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration margin,
                       LongSupplier remainingMillis, LongFunction<CommitResolution.Outcome> resolution) {
        this.maxAttempts = maxAttempts;
        this.baseDelayMillis = baseDelay.toMillis();
        this.maxDelayMillis = maxDelay.toMillis();
        this.marginMillis = margin.toMillis();
        this.remainingMillis = remainingMillis;
        this.resolution = resolution;
    }

    @Override
    public int getOrder() {
        return InterceptorOrder.RETRY;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        // proceed(this) runs the rest of the chain again from here (a plain proceed() would skip what it already ran).
        return run(context.getDeclaringType().getSimpleName() + "." + context.getMethodName(),
            () -> context.proceed(this));
    }

    /** Runs the attempts of one entry-point transaction. */
    @SuppressWarnings("unchecked")
    <T> T run(String boundary, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            TransactionAttempt record = TransactionAttempt.start();
            RuntimeException failure;
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                record.end();
            }
            TransientFailure reason;
            if (record.reachedCommit()) {
                Verdict verdict = commitVerdict(boundary, record, failure);
                if (verdict.committed()) {
                    return (T) record.answer();
                }
                reason = verdict.retryFor();
            } else {
                RuntimeException judged = record.workFailure() != null ? record.workFailure() : failure;
                reason = TransientFailure.of(judged)
                    .orElse(record.connectionClosed() ? TransientFailure.CONNECTION_LOST : null);
                if (reason == null) {
                    throw judged;
                }
            }
            long delay = delayBefore(attempt + 1);
            if (attempt >= maxAttempts || remainingMillis.getAsLong() - delay < marginMillis) {
                // Logged once, where the failure is answered (the problem or the message failure line).
                throw new TransactionRetriesExhaustedException(reason, failure);
            }
            LOG.atInfo().addKeyValue("boundary", boundary).addKeyValue("attempt", attempt)
                .addKeyValue("reason", reason).addKeyValue("delayMs", delay)
                .log("transaction retried: {}", boundary);
            sleep(delay);
        }
    }

    /** What a failure after the work returned (so during or after COMMIT) means: committed, or to be retried. */
    private record Verdict(boolean committed, TransientFailure retryFor) {
    }

    private Verdict commitVerdict(String boundary, TransactionAttempt record, RuntimeException failure) {
        Optional<TransientFailure> reason = TransientFailure.of(failure);
        if (reason.filter(TransientFailure.CONTENTION::equals).isPresent()) {
            return new Verdict(false, TransientFailure.CONTENTION);
        }
        if (TransientFailure.refusedByTheDatabase(failure)) {
            throw failure;
        }
        CommitResolution.Outcome outcome = resolution.apply(record.transactionId());
        LOG.atInfo().addKeyValue("boundary", boundary).addKeyValue("transactionId", record.transactionId())
            .addKeyValue("outcome", outcome).log("commit reply lost: {}", outcome);
        return switch (outcome) {
            case COMMITTED -> new Verdict(true, null);
            case ABORTED -> new Verdict(false, TransientFailure.CONNECTION_LOST);
            case UNKNOWN -> throw new TransactionOutcomeUnknownException(failure);
        };
    }

    private long delayBefore(int attempt) {
        long ceiling = Math.min(maxDelayMillis, baseDelayMillis << Math.min(attempt - 1, 20));
        return ceiling <= 0 ? 0 : jitter.nextLong(ceiling + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between transaction attempts", e);
        }
    }
}
