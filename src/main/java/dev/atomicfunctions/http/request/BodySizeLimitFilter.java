package dev.atomicfunctions.http.request;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Refuses bodies over {@code atomic.http.max-body-bytes} with 413 before anything parses them. API Gateway
 * accepts up to 10 MB; nothing this API stores needs more than a few kilobytes.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class BodySizeLimitFilter implements Ordered {

    private final long maxBodyBytes;

    BodySizeLimitFilter(@Value("${atomic.http.max-body-bytes:32768}") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @RequestFilter
    void check(HttpRequest<?> request) {
        long size = GatewayEvents.bodySize(request, maxBodyBytes).orElse(request.getContentLength());
        if (size > maxBodyBytes) {
            throw new PayloadTooLargeException(maxBodyBytes);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }
}
