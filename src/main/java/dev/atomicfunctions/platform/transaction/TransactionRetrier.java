package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.invocation.Deadline;
import io.micronaut.aop.InterceptPhase;
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
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Implements {@link RetryTransaction}: outside the transaction interceptor (and its outcome log), so that every
 * attempt is a whole transaction. Backoff is exponential with full jitter (a random delay between zero and
 * {@code base * 2^attempt}, capped), so that racing environments do not collide again in step. An attempt never
 * starts when less than {@code atomic.retry.deadline-margin} is left before Lambda stops the invocation: the caller
 * then gets its answer (409 or 503) instead of a timeout.
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

    @Inject
    TransactionRetrier(@Value("${atomic.retry.max-attempts}") int maxAttempts,
                       @Value("${atomic.retry.base-delay}") Duration baseDelay,
                       @Value("${atomic.retry.max-delay}") Duration maxDelay,
                       @Value("${atomic.retry.deadline-margin}") Duration margin) {
        this(maxAttempts, baseDelay, maxDelay, margin, Deadline::remainingMillis);
    }

    TransactionRetrier(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration margin,
                       LongSupplier remainingMillis) {
        this.maxAttempts = maxAttempts;
        this.baseDelayMillis = baseDelay.toMillis();
        this.maxDelayMillis = maxDelay.toMillis();
        this.marginMillis = margin.toMillis();
        this.remainingMillis = remainingMillis;
    }

    @Override
    public int getOrder() {
        return InterceptPhase.TRANSACTION.getPosition() - 10;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        // proceed(this) runs the rest of the chain again from here (a plain proceed() would skip what it already ran).
        return run(context.getDeclaringType().getSimpleName() + "." + context.getMethodName(),
            () -> context.proceed(this));
    }

    /** Runs the attempts of one entry-point transaction. */
    <T> T run(String boundary, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException failure) {
                if (TransientFailure.outcomeUnknown(failure)) {
                    throw new TransactionOutcomeUnknownException(failure);
                }
                Optional<TransientFailure> reason = TransientFailure.of(failure);
                if (reason.isEmpty()) {
                    throw failure;
                }
                long delay = delayBefore(attempt + 1);
                if (attempt >= maxAttempts || remainingMillis.getAsLong() - delay < marginMillis) {
                    // Logged once, where the failure is answered (the problem or the message failure line).
                    throw new TransactionRetriesExhaustedException(reason.get(), failure);
                }
                LOG.atInfo().addKeyValue("boundary", boundary).addKeyValue("attempt", attempt)
                    .addKeyValue("reason", reason.get()).addKeyValue("delayMs", delay)
                    .log("transaction retried: {}", boundary);
                sleep(delay);
            }
        }
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
