package dev.atomicfunctions.idempotency;

import io.micronaut.core.annotation.Nullable;

/**
 * A write that an idempotency key makes safe to repeat.
 *
 * @param operation  what is asked, including any target, for example {@code POST /tasks}; a key is scoped to it
 * @param key        the caller's idempotency key (or a message's de-duplication id); {@code null}: not idempotent
 * @param understood the request as the operation understood it (a serialisable record); its JSON fingerprint tells
 *                   a retry (same fingerprint) from a different request reusing the key
 */
public record IdempotentRequest(String operation, @Nullable String key, Object understood) {
}
