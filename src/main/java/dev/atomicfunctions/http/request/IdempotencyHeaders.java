package dev.atomicfunctions.http.request;

import dev.atomicfunctions.http.response.ResponseHeaders;
import io.micronaut.http.MutableHttpResponse;

/** The headers of idempotent requests: the caller's key in, and the mark of a replayed answer out. */
public final class IdempotencyHeaders {

    /** The caller's idempotency key. */
    public static final String KEY = "Idempotency-Key";
    /** Set to {@code true} on an answer replayed from an earlier request with the same key. */
    public static final String REPLAYED = ResponseHeaders.REPLAYED;
    /** How the key is documented on every operation that takes one. */
    public static final String KEY_DESCRIPTION = "Makes retries safe: the same key and body replay the first answer; "
        + "1-255 visible ASCII characters, kept 24 hours";

    private IdempotencyHeaders() {
    }

    /** @return the response, marked as replayed when it is */
    public static <T> MutableHttpResponse<T> marked(MutableHttpResponse<T> response, boolean replayed) {
        return replayed ? response.header(REPLAYED, "true") : response;
    }
}
