package dev.atomicfunctions.platform;

import io.micronaut.aop.InterceptPhase;

/**
 * The order of the interceptors around an entry point's method, outermost first, in one place. Each is placed
 * relative to Micronaut's transaction interceptor ({@link InterceptPhase#TRANSACTION}), so each sees what it needs:
 * <ol>
 *   <li>authorization: who may run it is decided before any connection is taken;</li>
 *   <li>relay after commit: publishes what the transaction committed, once, after every retry;</li>
 *   <li>failed-attempt audit: records, in a transaction of its own, an attempt that failed for good;</li>
 *   <li>retry: runs the whole transaction again on contention or a lost connection;</li>
 *   <li>outcome log: one line per transaction, committed or rolled back;</li>
 *   <li>the transaction itself;</li>
 *   <li>dry-run rollback: inside the transaction, rolls it back when asked to;</li>
 *   <li>attempt boundary: inside the transaction, records the work's answer or failure and bounds the socket;</li>
 *   <li>delivered once: inside the transaction, writes a message's de-duplication record with the command's
 *   effect (commands only).</li>
 * </ol>
 */
public final class InterceptorOrder {

    public static final int AUTHORIZATION = InterceptPhase.TRANSACTION.getPosition() - 30;
    public static final int RELAY_AFTER_COMMIT = InterceptPhase.TRANSACTION.getPosition() - 20;
    public static final int FAILED_ATTEMPT_AUDIT = InterceptPhase.TRANSACTION.getPosition() - 15;
    public static final int RETRY = InterceptPhase.TRANSACTION.getPosition() - 10;
    public static final int OUTCOME_LOG = InterceptPhase.TRANSACTION.getPosition() - 1;
    public static final int DRY_RUN_ROLLBACK = InterceptPhase.TRANSACTION.getPosition() + 1;
    public static final int ATTEMPT_BOUNDARY = InterceptPhase.TRANSACTION.getPosition() + 2;
    public static final int DELIVERED_ONCE = InterceptPhase.TRANSACTION.getPosition() + 3;

    private InterceptorOrder() {
    }
}
