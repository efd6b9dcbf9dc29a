package dev.atomicfunctions.http.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        return Optional.ofNullable(claims(request).get("sub")).map(Object::toString);
    }

    /**
     * @return the groups the authorizer verified ({@code cognito:groups}). An HTTP API renders a list claim as
     *     {@code [admin users]}, a REST API's Cognito authorizer as {@code admin,users}: both are read.
     */
    static Set<String> groups(HttpRequest<?> request) {
        return words(claims(request).get("cognito:groups"));
    }

    /** @return the OAuth scopes of the token: the {@code scope} claim, and an HTTP API's {@code jwt.scopes} */
    static Set<String> scopes(HttpRequest<?> request) {
        Set<String> scopes = new TreeSet<>(words(claims(request).get("scope")));
        if (nativeEvent(request) instanceof APIGatewayV2HTTPEvent v2 && v2.getRequestContext() != null
            && v2.getRequestContext().getAuthorizer() != null && v2.getRequestContext().getAuthorizer().getJwt() != null
            && v2.getRequestContext().getAuthorizer().getJwt().getScopes() != null) {
            scopes.addAll(v2.getRequestContext().getAuthorizer().getJwt().getScopes());
        }
        return Set.copyOf(scopes);
    }

    private static Map<?, ?> claims(HttpRequest<?> request) {
        return switch (nativeEvent(request)) {
            case APIGatewayV2HTTPEvent v2 -> Optional.ofNullable(v2.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .<Map<?, ?>>map(claims -> claims)
                .orElse(Map.of());
            case APIGatewayProxyRequestEvent v1 -> Optional.ofNullable(v1.getRequestContext())
                .map(APIGatewayProxyRequestEvent.ProxyRequestContext::getAuthorizer)
                .map(authorizer -> authorizer.get("claims"))
                .filter(Map.class::isInstance)
                .<Map<?, ?>>map(Map.class::cast)
                .orElse(Map.of());
            case null, default -> Map.of();
        };
    }

    private static Set<String> words(Object claim) {
        if (claim == null) {
            return Set.of();
        }
        String text = claim.toString().strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        return Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isEmpty()).collect(Collectors.toUnmodifiableSet());
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

    /** @return whether API Gateway delivered a non-empty body; empty when the request did not come from it */
    static Optional<Boolean> hasBody(HttpRequest<?> request) {
        return switch (nativeEvent(request)) {
            case APIGatewayV2HTTPEvent v2 -> Optional.of(v2.getBody() != null && !v2.getBody().isEmpty());
            case APIGatewayProxyRequestEvent v1 -> Optional.of(v1.getBody() != null && !v1.getBody().isEmpty());
            case null, default -> Optional.empty();
        };
    }

    /**
     * The handler decodes a body flagged {@code isBase64Encoded} with {@link Base64} when a parameter binds it, and
     * encodes any other body to UTF-8 bytes: invalid base64 would fail there with an IllegalArgumentException (a
     * 500), and an unpaired surrogate would silently become {@code ?}.
     *
     * @return whether the body API Gateway delivered can be read as it is flagged (true without a body)
     */
    static boolean bodyIsReadable(HttpRequest<?> request) {
        return switch (nativeEvent(request)) {
            case APIGatewayV2HTTPEvent v2 -> readable(v2.getBody(), v2.getIsBase64Encoded());
            case APIGatewayProxyRequestEvent v1 -> readable(v1.getBody(), Boolean.TRUE.equals(v1.getIsBase64Encoded()));
            case null, default -> true;
        };
    }

    /**
     * A JSON parser stops after the first value: {@code {"title":"a"} xyz} or {@code {"a":1}{"a":2}} would bind
     * the first and drop the rest, silently. Tokenizes the body once more (microseconds for a body under the limit).
     *
     * @return whether the body is one JSON value and nothing after it (true without a body, and for a body that
     *     is not JSON at all: binding reports that)
     */
    static boolean bodyEndsWithItsValue(HttpRequest<?> request) {
        return switch (nativeEvent(request)) {
            case APIGatewayV2HTTPEvent v2 -> endsWithItsValue(v2.getBody(), v2.getIsBase64Encoded());
            case APIGatewayProxyRequestEvent v1 -> endsWithItsValue(v1.getBody(),
                Boolean.TRUE.equals(v1.getIsBase64Encoded()));
            case null, default -> true;
        };
    }

    private static boolean endsWithItsValue(String body, boolean base64) {
        if (body == null || body.isEmpty()) {
            return true;
        }
        try (JsonParser parser = base64 ? JSON.createParser(Base64.getDecoder().decode(body))
            : JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return true;
            }
            parser.skipChildren();
            return nothingAfter(parser);
        } catch (IOException | IllegalArgumentException notJson) {
            return true;
        }
    }

    /** @return whether the parser is at the end of its input; anything else there, even unreadable, is content */
    private static boolean nothingAfter(JsonParser parser) {
        try {
            return parser.nextToken() == null;
        } catch (IOException content) {
            return false;
        }
    }

    private static boolean readable(String body, boolean base64) {
        if (body == null || body.isEmpty()) {
            return true;
        }
        if (!base64) {
            // codePoints() pairs surrogates; what is left unpaired comes out as a SURROGATE code point.
            return body.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE);
        }
        try {
            Base64.getDecoder().decode(body);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Adds {@code application/json} to the request's {@code Accept} header, where routing and content negotiation then
     * see it: to the headers of our HTTP API adaptation ({@link HttpApiRequest}), which reads them once, or to the
     * event under Micronaut's (REST API payload 1.0), which reads them from the event on every look (micronaut-aws
     * 4.11). {@code ApiGatewayEventsIT} guards both.
     */
    static void alsoAcceptJson(HttpRequest<?> request) {
        if (request instanceof HttpApiRequest<?> ours) {
            // Its headers are read from the event once: added to them, the value stays for the whole request.
            ours.getHeaders().add(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
            return;
        }
        // Micronaut's own adaptations read the headers from the event again on every look: change the event.
        switch (nativeEvent(request)) {
            case APIGatewayV2HTTPEvent v2 -> v2.setHeaders(withJson(v2.getHeaders()));
            case APIGatewayProxyRequestEvent v1 -> {
                v1.setHeaders(withJson(v1.getHeaders()));
                v1.setMultiValueHeaders(withJsonAll(v1.getMultiValueHeaders()));
            }
            case null, default -> {
            }
        }
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        Map<String, String> copy = new HashMap<>(headers);
        copy.replaceAll((name, value) -> name.equalsIgnoreCase(HttpHeaders.ACCEPT)
            ? value + ", " + MediaType.APPLICATION_JSON : value);
        return copy;
    }

    private static Map<String, List<String>> withJsonAll(Map<String, List<String>> headers) {
        if (headers == null) {
            return null;
        }
        Map<String, List<String>> copy = new HashMap<>(headers);
        copy.replaceAll((name, values) -> name.equalsIgnoreCase(HttpHeaders.ACCEPT)
            ? Stream.concat(values.stream(), Stream.of(MediaType.APPLICATION_JSON)).toList() : values);
        return copy;
    }

    private static final JsonFactory JSON = new JsonFactory();

    private static Object nativeEvent(HttpRequest<?> request) {
        return request instanceof ServletHttpRequest<?, ?> servlet ? servlet.getNativeRequest() : null;
    }
}
