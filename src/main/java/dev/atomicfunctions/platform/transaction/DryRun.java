package dev.atomicfunctions.platform.transaction;

import java.util.function.Supplier;

/**
 * Runs work through the real code, against the real database, and keeps nothing it writes: while it runs on this
 * thread, every transaction that can write and that the work begins (an entry point's, or the failed-attempt audit's)
 * is marked rollback-only as soon as it begins, so that where it would commit it rolls back; read-only transactions
 * commit as usual (they have nothing to keep). What SnapStart priming runs the request path with. A request from
 * outside never runs in a dry run: only code in the function's own process starts one.
 */
public final class DryRun {

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private DryRun() {
    }

    /**
     * @param work what to run; it may begin transactions, which are rolled back
     * @return what the work returned
     */
    public static <T> T run(Supplier<T> work) {
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            ACTIVE.remove();
        }
    }

    /** @return whether the code on this thread runs in a dry run */
    public static boolean active() {
        return ACTIVE.get() != null;
    }
}
