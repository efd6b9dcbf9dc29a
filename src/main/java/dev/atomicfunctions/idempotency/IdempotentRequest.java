package dev.atomicfunctions.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A write that an idempotency key makes safe to repeat.
 *
 * @param operation  what is asked, including any target, for example {@code POST /tasks}; a key is scoped to it
 * @param key        the caller's idempotency key (or a message's de-duplication id); {@code null}: not idempotent
 * @param understood the request as the operation understood it (a serialisable record); its JSON fingerprint tells
 *                   a retry (same fingerprint) from a different request reusing the key
 */
public record IdempotentRequest(String operation, @Nullable String key, Object understood) {

    /**
     * A map is refused: the fingerprint is its JSON, and a map's JSON follows its iteration order, which for
     * {@code Map.of} differs from one JVM to the next. The same request retried in a fresh Lambda environment
     * would then look like another request (422 idempotency-key-reused). A record's JSON follows its declaration.
     */
    public IdempotentRequest {
        if (understood instanceof Map<?, ?>) {
            throw new IllegalArgumentException("the request as understood must have one JSON form in every JVM: "
                + "a record, not a Map");
        }
    }

    /** @return SHA-256 of the request as understood, as JSON: identical for the same request in every JVM */
    public String fingerprint(JsonMapper json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(understood)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
