package dev.atomicfunctions.platform.transaction;

/**
 * What is known of the entry-point transaction attempt under way on this thread, kept so that a failure can be
 * judged by what really happened rather than by the exception that reaches the retrier (after a broken connection,
 * the rollback's "connection is closed" replaces the statement's own error): whether the work itself failed, and
 * with what, or returned (its answer, known before COMMIT); and the transaction's id, returned by a statement the
 * transaction sends anyway (the audit insert), with which a COMMIT whose reply was lost is resolved by asking the
 * database. One attempt per thread: Lambda runs one invocation at a time, and a local server one per thread.
 */
public final class TransactionAttempt {

    private static final ThreadLocal<TransactionAttempt> CURRENT = new ThreadLocal<>();

    private final TransactionAttempt enclosing;
    private boolean begun;
    private boolean returned;
    private Object answer;
    private RuntimeException workFailure;
    private boolean connectionClosed;
    private long transactionId;

    private TransactionAttempt(TransactionAttempt enclosing) {
        this.enclosing = enclosing;
    }

    /** Starts recording an attempt on this thread; {@link #end()} it when the attempt is over. */
    static TransactionAttempt start() {
        TransactionAttempt attempt = new TransactionAttempt(CURRENT.get());
        CURRENT.set(attempt);
        return attempt;
    }

    /** Stops recording this attempt. */
    void end() {
        if (enclosing == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(enclosing);
        }
    }

    /** @return the attempt whose own transaction has not begun yet, if one is under way on this thread */
    static TransactionAttempt awaitingItsTransaction() {
        TransactionAttempt attempt = CURRENT.get();
        return attempt == null || attempt.begun ? null : attempt;
    }

    /** @return whether the attempt under way on this thread saw its work return: what fails now fails committing */
    static boolean committing() {
        TransactionAttempt attempt = CURRENT.get();
        return attempt != null && attempt.returned;
    }

    /**
     * Remembers the id of the transaction under way, as a statement of it returned it
     * ({@code pg_current_xact_id()}); ignored outside a retried attempt.
     *
     * @param id the top-level transaction id (64-bit, epoch included)
     */
    public static void transactionId(long id) {
        TransactionAttempt attempt = CURRENT.get();
        if (attempt != null && attempt.begun) {
            attempt.transactionId = id;
        }
    }

    void begun() {
        begun = true;
    }

    void returned(Object answer) {
        this.returned = true;
        this.answer = answer;
    }

    void failed(RuntimeException failure, boolean connectionClosed) {
        this.workFailure = failure;
        this.connectionClosed = connectionClosed;
    }

    /** @return whether the work returned, so that whatever failed afterwards failed while committing */
    boolean reachedCommit() {
        return returned;
    }

    /** @return the work's answer (meaningful when {@link #reachedCommit()}) */
    Object answer() {
        return answer;
    }

    /** @return the work's own failure, or null: the failure to judge, rather than the rollback's that replaced it */
    RuntimeException workFailure() {
        return workFailure;
    }

    /**
     * @return whether the work's connection was closed when the work failed: the pool closes a connection that
     *     reported a connection error, and a later statement on it fails with no SQLState saying so
     */
    boolean connectionClosed() {
        return connectionClosed;
    }

    /** @return the transaction's id, or 0 when no statement returned it (nothing was audited) */
    long transactionId() {
        return transactionId;
    }
}
