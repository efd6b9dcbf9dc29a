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
 * @param operation  the command asked, including any target, for example {@code task.create}, whatever transport
 *                   carried it; a key is scoped to it
 * @param key        the caller's idempotency key (or a message's de-duplication id); {@code null}: not idempotent
 * @param understood the request as the operation understood it (a serialisable record); its JSON fingerprint tells
 *                   a retry (same fingerprint) from a different request reusing the key
 * @param formerly   the name the release before stored this operation's keys under, or null: a key stored under it
 *                   is still replayed, so that a retry across the deployment that renamed the operation is not run
 *                   twice. Once the deployment is older than the keys' retention (24 hours), it can go.
 */
public record IdempotentRequest(String operation, @Nullable String key, Object understood, @Nullable String formerly) {

    /** A request whose operation was never renamed. */
    public IdempotentRequest(String operation, @Nullable String key, Object understood) {
        this(operation, key, understood, null);
    }

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
