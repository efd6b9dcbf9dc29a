package dev.atomicfunctions.platform.invocation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * How the time left before Lambda stops the invocation ({@link Deadline}) is shared out, so that every invocation
 * answers inside its deadline: whatever the database does, the last call to it ends {@code atomic.deadline.answer-margin}
 * before the deadline, and a transaction (the failed-attempt audit, a lost COMMIT's resolution) is only begun when its
 * connection wait ({@code datasources.default.connection-timeout}) fits too.
 */
@Singleton
public final class TimeBudget {

    private final long answerMarginMillis;
    private final long connectionWaitMillis;

    TimeBudget(@Value("${atomic.deadline.answer-margin}") Duration answerMargin,
               @Value("${datasources.default.connection-timeout}") long connectionWaitMillis) {
        this.answerMarginMillis = answerMargin.toMillis();
        this.connectionWaitMillis = connectionWaitMillis;
    }

    /** @return whether a transaction of its own (waiting for a connection, then one short statement) fits */
    public boolean allowsAnotherTransaction() {
        return Deadline.remainingMillis() >= connectionWaitMillis + answerMarginMillis;
    }

    /**
     * @param keepBackMillis time to keep back for what follows the call (at least the answer margin is kept)
     * @return how long a database call may still block, at least 1 ms
     */
    public int callBoundMillis(long keepBackMillis) {
        long bound = Deadline.remainingMillis() - Math.max(keepBackMillis, answerMarginMillis);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bound));
    }

    /** @return milliseconds left for work that must end before the answer margin */
    public long untilAnswerMarginMillis() {
        return Math.max(0, Deadline.remainingMillis() - answerMarginMillis);
    }
}
