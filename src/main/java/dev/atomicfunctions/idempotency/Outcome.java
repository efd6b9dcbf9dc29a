package dev.atomicfunctions.idempotency;

/**
 * The answer to an idempotent write.
 *
 * @param answer   the answer, fresh or as first given
 * @param replayed whether this is the stored answer to an earlier request with the same key
 * @param <T>      the answer's type
 */
public record Outcome<T>(T answer, boolean replayed) {
}
