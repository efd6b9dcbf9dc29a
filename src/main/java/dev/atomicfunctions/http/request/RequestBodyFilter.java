package dev.atomicfunctions.http.request;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;

/**
 * Checks the body of a request whose route reads one, before anything binds it: a body without a
 * {@code Content-Type} is refused with 415 (Micronaut would read it as JSON, while the API promises 415 for anything
 * but JSON), and a body that cannot be decoded as API Gateway flagged it (invalid base64, unpaired surrogates) with
 * 400 (the handler would fail on it with a 500, or silently store {@code ?}), and so is a body with anything after
 * its JSON value (binding would read the first value and drop the rest). Runs after {@link BodySizeLimitFilter}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestBodyFilter implements Ordered {

    @RequestFilter
    void check(HttpRequest<?> request) {
        boolean readsBody = RouteAttributes.getRouteInfo(request).flatMap(RouteInfo::getBodyArgument).isPresent();
        if (!readsBody) {
            return;
        }
        boolean hasBody = GatewayEvents.hasBody(request).orElseGet(() -> request.getContentLength() > 0);
        if (hasBody && request.getContentType().isEmpty()) {
            throw new HttpStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "request body without Content-Type");
        }
        if (!GatewayEvents.bodyIsReadable(request)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "request body cannot be decoded as flagged");
        }
        if (hasBody && !GatewayEvents.bodyEndsWithItsValue(request)) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "request body has content after its JSON value");
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after() + 1;
    }
}
