package dev.atomicfunctions.platform.invocation;

/**
 * When the current Lambda invocation will be stopped, from {@code Context.getRemainingTimeInMillis()} at its start.
 * On demand, Lambda runs one invocation at a time per environment; on Managed Instances, many at once, each on a
 * thread of its own: the value is per thread, set when an invocation starts and cleared when it ends
 * ({@link InvocationEnd}). Without a Lambda context (a test calling code directly)
 * the invocation gets {@link #UNKNOWN_REMAINING_MILLIS}.
 */
public final class Deadline {

    /** What an invocation without a Lambda context may assume: the deployed API function's timeout. */
    public static final long UNKNOWN_REMAINING_MILLIS = 10_000;

    private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

    private Deadline() {
    }

    /** Starts the clock of the invocation about to run on this thread. */
    public static void start(long remainingMillis) {
        DEADLINE_NANOS.set(System.nanoTime() + remainingMillis * 1_000_000);
    }

    /** Forgets the clock of the invocation that ended on this thread. */
    static void clear() {
        DEADLINE_NANOS.remove();
    }

    /** @return milliseconds left before Lambda stops the current invocation */
    public static long remainingMillis() {
        Long deadline = DEADLINE_NANOS.get();
        if (deadline == null) {
            return UNKNOWN_REMAINING_MILLIS;
        }
        return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
    }
}
