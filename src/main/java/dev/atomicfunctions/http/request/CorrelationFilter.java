package dev.atomicfunctions.http.request;

import dev.atomicfunctions.http.response.ResponseHeaders;
import dev.atomicfunctions.platform.logging.LogFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id} when it is well-formed, a new one
 * otherwise), puts it and API Gateway's request id into the logging context and echoes it on the response.
 * The Lambda request id is already in the logging context: Micronaut's handler puts it there as {@code AWSRequestId}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class CorrelationFilter implements Ordered {

    /** The header that carries the correlation id in and out. */
    public static final String HEADER = ResponseHeaders.CORRELATION_ID;
    private static final String ATTRIBUTE = "atomic.correlation-id";
    // Anything else could forge log lines or smuggle markup: such a value is replaced, not trusted.
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /**
     * @param request any request that passed this filter
     * @return its correlation id, or {@code null} before the filter ran
     */
    public static @Nullable String correlationId(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElse(null);
    }

    @RequestFilter
    void assign(HttpRequest<?> request) {
        String given = request.getHeaders().get(HEADER);
        String correlationId = given != null && WELL_FORMED.matcher(given).matches()
            ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, correlationId);
        MDC.put(LogFields.CORRELATION_ID, correlationId);
        GatewayEvents.requestId(request).ifPresent(id -> MDC.put(LogFields.API_REQUEST_ID, id));
    }

    @ResponseFilter
    void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String correlationId = correlationId(request);
        if (correlationId != null) {
            response.header(HEADER, correlationId);
        }
        LogFields.clear();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
