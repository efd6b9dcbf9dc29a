package dev.atomicfunctions.http.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads what API Gateway put into the event behind an HTTP request: payload v2 (HTTP API) and payload v1
 * (REST API). Identity comes only from here, that is from the authorizer API Gateway ran: a header sent by the
 * client can never become the caller.
 */
final class GatewayEvents {

    private GatewayEvents() {
    }

    /** @return the {@code sub} claim the JWT authorizer verified, if any */
    static Optional<String> subject(HttpRequest<?> request) {
        return switch (nativeEvent(request)) {
            case APIGatewayV2HTTPEvent v2 -> Optional.ofNullable(v2.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .map(claims -> claims.get("sub"));
            case APIGatewayProxyRequestEvent v1 -> Optional.ofNullable(v1.getRequestContext())
                .map(APIGatewayProxyRequestEvent.ProxyRequestContext::getAuthorizer)
                .map(authorizer -> authorizer.get("claims"))
                .filter(Map.class::isInstance)
                .map(claims -> ((Map<?, ?>) claims).get("sub"))
                .map(Object::toString);
            case null, default -> Optional.empty();
        };
    }

    /** @return API Gateway's own id for this request */
    static Optional<String> requestId(HttpRequest<?> request) {
        return switch (nativeEvent(request)) {
            case APIGatewayV2HTTPEvent v2 -> Optional.ofNullable(v2.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getRequestId);
            case APIGatewayProxyRequestEvent v1 -> Optional.ofNullable(v1.getRequestContext())
                .map(APIGatewayProxyRequestEvent.ProxyRequestContext::getRequestId);
            case null, default -> Optional.empty();
        };
    }

    /** @return the size in bytes of the body API Gateway delivered, when the request came from it */
    static OptionalLong bodySize(HttpRequest<?> request, long limit) {
        return switch (nativeEvent(request)) {
            case APIGatewayV2HTTPEvent v2 -> OptionalLong.of(size(v2.getBody(), v2.getIsBase64Encoded(), limit));
            case APIGatewayProxyRequestEvent v1 -> OptionalLong.of(size(v1.getBody(),
                Boolean.TRUE.equals(v1.getIsBase64Encoded()), limit));
            case null, default -> OptionalLong.empty();
        };
    }

    private static long size(String body, boolean base64, long limit) {
        if (body == null) {
            return 0;
        }
        if (base64) {
            return body.length() / 4L * 3;
        }
        // Every character takes at least one byte: a long body is over the limit without encoding it.
        return body.length() > limit ? body.length() : body.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Object nativeEvent(HttpRequest<?> request) {
        return request instanceof ServletHttpRequest<?, ?> servlet ? servlet.getNativeRequest() : null;
    }
}
