package dev.atomicfunctions.platform.error;

/**
 * What kind of failure a domain error is, independent of the entry point that reports it. Each edge maps kinds
 * once: HTTP to a problem status, events to "retry" or "give up".
 */
public enum ErrorKind {
    /** The input breaks a rule; resending it unchanged can never succeed. */
    INVALID(false),
    /** No verified identity came with the request. */
    UNAUTHENTICATED(false),
    /** The actor is known but may not do this. */
    FORBIDDEN(false),
    /** The target does not exist for this actor. */
    NOT_FOUND(false),
    /** The request is too large to be read. */
    TOO_LARGE(false),
    /** The current state forbids it (another request won, a state machine disallows it). */
    CONFLICT(false),
    /** The actor's stated precondition (such as an entity version) no longer holds. */
    PRECONDITION_FAILED(false),
    /** Well-formed, but refers to something that cannot be processed (such as a reused idempotency key). */
    UNPROCESSABLE(false),
    /** A dependency is unavailable; the same request may well succeed later. */
    UNAVAILABLE(true);

    private final boolean transientFailure;

    ErrorKind(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** @return whether retrying the same request later may succeed (events redeliver; HTTP says Retry-After) */
    public boolean isTransient() {
        return transientFailure;
    }
}
