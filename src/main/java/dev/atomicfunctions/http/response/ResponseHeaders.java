package dev.atomicfunctions.http.response;

/**
 * The headers responses carry, as the OpenAPI document names and describes them. Annotation values must be
 * constants, so every documented response ({@link Answers}, the problem annotations) takes them from here.
 */
public final class ResponseHeaders {

    /** On every response; see {@code CorrelationFilter}. */
    public static final String CORRELATION_ID = "X-Correlation-Id";
    public static final String CORRELATION_ID_DESCRIPTION = "The request's correlation id, also in a problem's "
        + "correlationId and in every log line: the caller's X-Correlation-Id when it is 1-128 of A-Z a-z 0-9 . _ : -, "
        + "a new UUID otherwise";
    /** On every answer that carries one versioned resource. */
    public static final String ETAG = "ETag";
    public static final String ETAG_DESCRIPTION = "The resource's version as a strong entity tag; send it back in "
        + "If-Match to write only that version";
    /** On every 201. */
    public static final String LOCATION = "Location";
    public static final String LOCATION_DESCRIPTION = "Where the created resource is read";
    /** On answers of operations that take an Idempotency-Key. */
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final String REPLAYED_DESCRIPTION = "true on the first answer to the same Idempotency-Key and body, "
        + "replayed; absent on a first answer";
    /** On every 503. */
    public static final String RETRY_AFTER = "Retry-After";
    public static final String RETRY_AFTER_DESCRIPTION = "Seconds to wait before retrying";

    private ResponseHeaders() {
    }
}
